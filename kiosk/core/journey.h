// SPDX-License-Identifier: Apache-2.0
// Journey: one citizen's way through the kiosk, from the home screen to the receipt and the
// rating. It owns the Session (the state machine and the personal data) and does what each
// step needs: identify, fill and check the form, submit into the queue, print the receipt, take
// the rating, end the session on idle. The screens show what it says (the UI's session
// view-model is a thin mirror); nothing in QML decides where the citizen is.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/signal.h"
#include "base/worker.h"
#include "hal/card_reader.h"
#include "hal/receipt_printer.h"
#include "kiosk/core/application.h"
#include "kiosk/core/catalog_snapshot.h"
#include "kiosk/core/certificate_flow.h"
#include "kiosk/core/item_flow.h"
#include "kiosk/core/progress_lookup.h"
#include "kiosk/core/receipt.h"
#include "kiosk/core/session.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace queue {
class Store;
}

namespace kiosk::core {

/// True for items a citizen can apply for at the kiosk, from identification to receipt: kind
/// apply with a form. (Progress queries and certificate printing have flows of their own.)
[[nodiscard]] bool canApplyAtKiosk(const CatalogItem& item);

/// How the citizen proved who they are, for the form screen's wording.
enum class IdentifiedBy { None, Card, Code, Manual };

/// Where the receipt is.
enum class ReceiptState {
    None,     ///< nothing submitted
    Printing, ///< the job is with the printer (on the journey's print worker)
    Printed,
    Failed, ///< the message says why; the QR on screen is offered instead
    NoPrinter,
};
std::string_view toString(ReceiptState state); ///< none | printing | printed | failed | no_printer

struct JourneyOptions {
    /// No touch for this long ends a session ([session] idle_timeout_s).
    std::chrono::seconds idleTimeout{90};
    /// The "需要更多时间吗？" prompt shows this long before the end.
    std::chrono::seconds warnBefore{15};
    /// The thanks screen returns home after this long.
    std::chrono::seconds finishedFor{10};
    std::string kioskId;
    ReceiptSettings receipt;
};

/// Runs `task` on the journey's owner thread (the GUI thread) later. The journey's print
/// worker hands its outcome back through it.
using PostToOwner = std::function<void(std::function<void()> task)>;

/// Not thread-safe: lives on the GUI thread. Inputs from devices (cards) arrive through the
/// UI's view-model, which hands them over to that thread first.
class Journey {
public:
    /// `clock` must outlive the journey. `store` may be null until the queue is open (a
    /// submission is refused with words for the citizen until then), `printer` null when no
    /// receipt printer is configured.
    Journey(const base::Clock& clock, JourneyOptions options, PostToOwner post);
    ~Journey();
    Journey(const Journey&) = delete;
    Journey& operator=(const Journey&) = delete;

    void setStore(queue::Store* store) { store_ = store; }
    /// Whether the platform can be reached now (the sync loop's link state): items that need
    /// the network (online: required) cannot be started while it cannot.
    void setPlatformReachable(bool reachable) { platformReachable_ = reachable; }
    void setPrinter(std::shared_ptr<hal::ReceiptPrinter> printer);

    // --- what the screens show -------------------------------------------------------------
    [[nodiscard]] SessionState state() const { return session_.state(); }
    [[nodiscard]] const Session& session() const { return session_; }
    /// The item of the session (Browsing and on), nullptr before.
    [[nodiscard]] const CatalogItem* item() const { return item_; }
    [[nodiscard]] const Catalog* catalog() const
    {
        return snapshot_ ? &snapshot_->catalog() : nullptr;
    }
    [[nodiscard]] IdentifiedBy identifiedBy() const { return identifiedBy_; }
    /// Problems of the form (shown next to each field), and of the manual identity entry.
    [[nodiscard]] const std::vector<FieldProblem>& problems() const { return problems_; }
    /// A message for the citizen about the last action (Chinese), empty when none.
    [[nodiscard]] const std::string& message() const { return message_; }
    /// The stored submission (Submitted and on).
    [[nodiscard]] const std::string& submissionId() const { return session_.submissionId(); }
    /// The queue record of the stored case (Submitted and on), 0 before.
    [[nodiscard]] std::int64_t caseRecordId() const { return caseRecordId_; }
    /// The platform's case number once the case was delivered; empty while it is queued.
    [[nodiscard]] const std::string& caseNo() const { return caseNo_; }
    [[nodiscard]] ReceiptState receiptState() const { return receiptState_; }
    /// The receipt's QR text (for the screen when the paper did not come out).
    [[nodiscard]] std::string receiptQrText() const;
    /// True while the "需要更多时间吗？" prompt shows; secondsLeft() until the end.
    [[nodiscard]] bool idleWarning() const { return idleWarning_; }
    [[nodiscard]] int secondsLeft() const;

    /// Something the screens show changed (state, data, message, receipt, idle prompt).
    base::Signal<> changed;

    // --- what the citizen does (each touch also counts as activity) --------------------------
    /// Opens an item's guide from the home or search screen (or another guide).
    base::Result<void> chooseItem(std::shared_ptr<const CatalogSnapshot> snapshot,
                                  const std::string& code);
    base::Result<void> openSearch();
    /// One step back; from a guide found by search, back to the search.
    base::Result<void> back();
    base::Result<void> startApplying();
    base::Result<void> enterManually();
    /// The name and ID number typed by the citizen: checked (MOD 11-2) before it counts.
    base::Result<void> identifyManually(const std::string& name, const std::string& idNumber);
    /// A card the reader read (handed over to the GUI thread). In Identifying it identifies
    /// the citizen; later in the session, a card of another person ends the session (it is a
    /// new citizen); the same card again changes nothing.
    void cardRead(hal::CardData card);
    /// The reader could not read a card, or is gone: words for the citizen while a card is
    /// asked for (put it back; or type the identity; or go to a counter).
    void cardReadFailed(const base::Error& error);
    /// A scanned code could not identify the citizen (not an identity code, expired, unknown,
    /// the platform out of reach): `message` says so while a card is asked for.
    void codeRefused(const std::string& message);
    /// An identity resolved from a phone app's QR code (POST /v1/identity/resolve).
    base::Result<void> identifyByCode(hal::CardData identity);
    /// A typed value; the field's own problem (if any) shows next to it at once.
    void setField(const std::string& fieldId, const std::string& value);
    /// The form is complete and valid: on to the confirmation. Otherwise problems() says why.
    base::Result<void> completeForm();
    /// "确认提交": stores the case in the queue, then prints the receipt. When the queue is
    /// full the message says so (QueueErrc::full) and the citizen stays on the confirmation.
    base::Result<void> confirm();
    /// Prints the receipt again (after paper out, a jam...).
    void reprint();
    /// Done with the receipt: on to the rating.
    base::Result<void> toRating();
    /// The citizen's rating on the screen: level 1-5, reasons for 1-2.
    base::Result<void> rate(int level, const std::vector<std::string>& reasons);
    base::Result<void> skipRating();
    /// "退出" or the idle timeout: wipes the session's data and goes home.
    void end();

    /// A touch anywhere: the idle timer starts again (and the prompt goes).
    void touched();
    /// Checks the idle timer; call about once a second (the view-model's timer).
    void tick();

    /// The platform's case number for a case this journey stored (from the queue's
    /// delivered event), shown instead of the local reference.
    void caseDelivered(const std::string& submissionId, const std::string& caseNo);

    // --- progress lookup and certificates (progress_lookup.h, certificate_flow.h) -----------
    /// The platform link for the online-only lookups (null: none). Thread-safe.
    void setPlatform(queue::Uplink* uplink);
    /// The A4 printer for certificates (null: print items send the citizen to a counter).
    void setDocumentPrinter(std::shared_ptr<hal::DocumentPrinter> printer);
    /// What `item` leads to after identification on this kiosk.
    [[nodiscard]] ItemFlow flowOf(const CatalogItem& item) const;
    /// The lookup of LookingUp and the certificate of PrintingDocument.
    [[nodiscard]] const ProgressLookup& progress() const { return *progress_; }
    [[nodiscard]] const CertificateFlow& certificate() const { return *certificates_; }
    /// A receipt's QR scanned while a card is asked for, with its case from this kiosk's queue
    /// (receiptProgress(); std::nullopt: not held here). For a progress lookup it shows that
    /// case; for other items it is refused like any code that is not an identity.
    void receiptScanned(std::optional<ProgressRow> row);
    /// Prints the certificate again after a fault the citizen may retry (canRetry()).
    void retryCertificate();

private:
    /// Identified for a progress lookup or a certificate: on to LookingUp or PrintingDocument.
    void identifyForService(hal::CardData card, IdentifiedBy by, ItemFlow flow);

    /// Moves the session on; `then` runs after the move and before the screens hear of it.
    base::Result<void> apply(SessionEvent event, const std::function<void()>& then = {});
    void identify(hal::CardData card, IdentifiedBy by);
    void startPrinting();
    void printed(std::uint64_t generation, base::Result<void> outcome);
    void wipe();
    void notify() { changed.publish(); }

    const base::Clock& clock_;
    JourneyOptions options_;
    PostToOwner post_;
    queue::Store* store_ = nullptr;
    bool platformReachable_ = true;

    Session session_;
    std::shared_ptr<const CatalogSnapshot> snapshot_; ///< kept for the session's length
    const CatalogItem* item_ = nullptr;
    bool fromSearch_ = false;
    IdentifiedBy identifiedBy_ = IdentifiedBy::None;
    std::vector<FieldProblem> problems_;
    std::string message_;
    std::string caseNo_;
    std::int64_t caseRecordId_ = 0;
    ReceiptState receiptState_ = ReceiptState::None;
    bool idleWarning_ = false;
    base::Clock::TimePoint lastTouch_;
    /// Bumped by every end(): a print finishing after its session ended is ignored.
    std::uint64_t generation_ = 0;

    /// 办件进度查询 and 自助打印, each on a worker of its own; a certificate's progress counts as
    /// activity (the citizen waits at the printer).
    std::unique_ptr<ProgressLookup> progress_ =
        std::make_unique<ProgressLookup>(clock_, post_, [this] { notify(); });
    std::unique_ptr<CertificateFlow> certificates_ =
        std::make_unique<CertificateFlow>(clock_, post_, [this] {
            lastTouch_ = clock_.now();
            notify();
        });

    /// The receipt printer and the job for it, handed to printWorker_ (printing takes seconds
    /// and must never hold the GUI thread).
    struct PrintQueue {
        std::mutex mutex;
        std::shared_ptr<hal::ReceiptPrinter> printer;
        std::optional<std::pair<std::uint64_t, hal::Receipt>> job;
    };
    std::shared_ptr<PrintQueue> prints_ = std::make_shared<PrintQueue>();
    /// Outcomes posted to the owner thread check it: they may arrive after the journey went.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    base::Worker printWorker_; ///< last: stopped before the rest goes
};

} // namespace kiosk::core
