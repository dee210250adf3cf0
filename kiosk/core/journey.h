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
#include "hal/review_tablet.h"
#include "kiosk/core/application.h"
#include "kiosk/core/catalog_snapshot.h"
#include "kiosk/core/certificate_flow.h"
#include "kiosk/core/item_flow.h"
#include "kiosk/core/materials_step.h"
#include "kiosk/core/progress_lookup.h"
#include "kiosk/core/rating_flow.h"
#include "kiosk/core/receipt.h"
#include "kiosk/core/receipt_case.h"
#include "kiosk/core/session.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace queue {
class Store;
}

namespace kiosk::core {

/// True for items a citizen can apply for at the kiosk, from identification to receipt: kind
/// apply with a form. (Progress queries and certificate printing have flows of their own.)
[[nodiscard]] bool canApplyAtKiosk(const CatalogItem& item);

/// True for the screens where a receipt's QR opens its case: home, search, a guide, and a
/// receipt's case already shown (journey_receipt.cpp).
[[nodiscard]] bool takesReceiptScan(SessionState state);

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
    /// While the citizen waits for staff (人工帮助), no touch for this long ends the session:
    /// longer than idleTimeout, since waiting is what they were asked to do.
    std::chrono::seconds helpWait{600};
    std::string kioskId;
    ReceiptSettings receipt;
};

/// How the citizen asked to be served: 长辈版, voice and language. For this session only: the
/// next citizen starts with the defaults (Journey::end() restores them).
struct ServingPreferences {
    /// 长辈版: larger text, fewer choices per screen, every timeout doubled.
    bool elder = false;
    /// 语音播报 as switched; unset: on in 长辈版, off otherwise.
    std::optional<bool> voice;
    /// The UI's language: one of uiLanguages().
    std::string language{defaultLanguage};

    static constexpr std::string_view defaultLanguage = "zh_CN";
    [[nodiscard]] bool voiceOn() const { return voice.value_or(elder); }
    [[nodiscard]] bool isDefault() const { return !elder && !voice && language == defaultLanguage; }
};
/// The languages the UI is translated into, the default first.
[[nodiscard]] std::span<const std::string_view> uiLanguages();

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

    void setStore(queue::Store* store);
    /// Whether the platform can be reached now (the sync loop's link state): items that need
    /// the network (online: required) cannot be started while it cannot.
    void setPlatformReachable(bool reachable) { platformReachable_ = reachable; }
    void setPrinter(std::shared_ptr<hal::ReceiptPrinter> printer);
    /// A staff call is open (the citizen was told to wait here): the idle timeout becomes
    /// helpWait. When it closes (staff came), the idle timer starts again.
    void setHelpOpen(bool open);
    /// The review tablet (好差评 evaluator), or null: the rating prompt goes to it when it is
    /// connected, else to the screen (RatingFlow).
    void setTablet(std::shared_ptr<hal::ReviewTablet> tablet) { tablet_ = std::move(tablet); }
    /// The document camera for the materials step; null (none configured) skips the step.
    void setDocumentCamera(std::shared_ptr<hal::DocumentCamera> camera)
    {
        materials_.setCamera(std::move(camera));
    }
    /// The materials step (Photographing): the list, the camera's state, its words.
    [[nodiscard]] const MaterialsStep& materials() const { return materials_; }

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
    /// True from 确认提交 until the queue has answered (the button waits, the screen says so).
    [[nodiscard]] bool saving() const { return saving_; }
    /// The receipt's QR text (for the screen when the paper did not come out).
    [[nodiscard]] std::string receiptQrText() const;
    /// True while the "需要更多时间吗？" prompt shows; secondsLeft() until the end.
    [[nodiscard]] bool idleWarning() const { return idleWarning_; }
    [[nodiscard]] int secondsLeft() const;
    // --- how the citizen is served (this session only) ----------------------------------------
    [[nodiscard]] const ServingPreferences& preferences() const { return preferences_; }
    /// 长辈版 on or off; counts as a touch. Its timeouts apply from now.
    void setElderMode(bool on);
    /// 语音播报 on or off (its default follows 长辈版); counts as a touch.
    void setVoice(bool on);
    /// The UI's language; anything not in uiLanguages() is refused and changes nothing.
    base::Result<void> setLanguage(std::string_view language);

    /// In Rating: where the prompt is (the tablet, or the screen), None before.
    [[nodiscard]] RatingPlace ratingPlace() const { return ratingPlace_; }
    /// In Rating on the screen after a key evaluator gave level 1 or 2: that level; the screen
    /// asks only for the reasons.
    [[nodiscard]] std::optional<int> ratingLevelGiven() const { return ratingLevel_; }

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
    /// "确认提交": stores the case in the queue on the I/O worker (saving() meanwhile), then
    /// prints the receipt. When the queue is full the message says so (QueueErrc::full) and
    /// the citizen stays on the confirmation.
    // The materials step (Photographing): 拍照, 重拍, 下一份, 跳过 (optional materials), a
    // material chosen from the list, and 完成 (every material photographed or settled).
    base::Result<void> capturePhoto();
    base::Result<void> retakePhoto();
    base::Result<void> nextMaterial();
    base::Result<void> skipMaterial();
    base::Result<void> selectMaterial(std::size_t index);
    base::Result<void> finishMaterials();
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
    /// The citizen would rather rate on the screen than on the tablet: the tablet's prompt is
    /// withdrawn.
    void rateOnScreenInstead();
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

    // --- a receipt scanned later (journey_receipt.cpp, receipt_case.h) ----------------------
    /// A receipt's QR scanned, with what this kiosk's queue holds of its case (std::nullopt:
    /// none). While a card is asked for it goes to receiptScanned(row); on the home, search
    /// and guide screens (and over another receipt) it shows the case (ReceiptShown, the
    /// progress screen) with no identity: case number, item, status and time only.
    void receiptCaseScanned(std::shared_ptr<const CatalogSnapshot> snapshot,
                            std::optional<ReceiptCase> found);
    /// In ReceiptShown: the case may be rated here now (once; its item still in the catalog).
    [[nodiscard]] bool canRateReceipt() const;
    /// In ReceiptShown: the rating's state, and its kind words (rated before).
    [[nodiscard]] ReceiptRating receiptRating() const;
    /// "评价此件": on to Rating for the scanned case (the tablet or the screen, as after an
    /// application; channel kiosk or tablet). Refused when canRateReceipt() is false.
    base::Result<void> rateReceipt();
    /// The platform refused an evaluation of `submissionId` for good (the queue dead-lettered
    /// it, e.g. 409 already_rated): if that case is on screen, the citizen reads the kind words.
    void ratingRefused(const std::string& submissionId);

private:
    /// Identified for a progress lookup or a certificate: on to LookingUp or PrintingDocument.
    void identifyForService(hal::CardData card, IdentifiedBy by, ItemFlow flow);

    /// Moves the session on; `then` runs after the move and before the screens hear of it.
    base::Result<void> apply(SessionEvent event, const std::function<void()>& then = {});
    void identify(hal::CardData card, IdentifiedBy by);
    template <typename Action> base::Result<void> onMaterials(Action action);
    void startPrinting();
    void printed(std::uint64_t generation, base::Result<void> outcome);
    /// The queue's answer for the case stored on the I/O worker.
    void saved(std::uint64_t generation, base::Result<queue::SubmissionRef> stored);
    /// Hands the rating prompt to the tablet (or the screen) on entering Rating.
    void beginRating();
    /// What the rating flow said from the tablet's thread, back on the owner thread.
    void ratingMovedToScreen(std::uint64_t generation, const ScreenRatingPrompt& prompt);
    void ratingStoredByTablet(std::uint64_t generation);
    void ratingTimedOut(std::uint64_t generation);
    /// Withdraws the tablet's prompt (if any) and forgets the flow.
    void stopRating();
    base::Result<void> rateThroughFlow(int level, const std::vector<std::string>& reasons);
    void wipe();
    void notify() { changed.publish(); }
    /// No touch for this long ends the session now.
    [[nodiscard]] std::chrono::seconds idleTimeout() const;
    /// A timeout as this session takes it: doubled in 长辈版.
    [[nodiscard]] std::chrono::seconds unhurried(std::chrono::seconds timeout) const;
    /// A preference changed: a touch, and the screens follow.
    void preferencesChanged();

    const base::Clock& clock_;
    JourneyOptions options_;
    PostToOwner post_;
    queue::Store* store_ = nullptr;
    bool platformReachable_ = true;
    bool helpOpen_ = false;

    Session session_;
    MaterialsStep materials_{session_, clock_, post_, [this] {
                                 notify();
                             }};
    std::shared_ptr<const CatalogSnapshot> snapshot_; ///< kept for the session's length
    const CatalogItem* item_ = nullptr;
    bool fromSearch_ = false;
    IdentifiedBy identifiedBy_ = IdentifiedBy::None;
    std::vector<FieldProblem> problems_;
    std::string message_;
    std::string caseNo_;
    std::int64_t caseRecordId_ = 0;
    ReceiptState receiptState_ = ReceiptState::None;
    bool saving_ = false;
    bool idleWarning_ = false;
    ServingPreferences preferences_;
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

    /// The I/O the GUI thread must not wait for, handed to ioWorker_: storing the case (one
    /// fsync'd transaction: milliseconds here, far more on a worn SD card) and printing the
    /// receipt (seconds). Each job carries the generation of its session.
    struct PrintQueue {
        std::mutex mutex;
        std::shared_ptr<hal::ReceiptPrinter> printer;
        std::optional<std::pair<std::uint64_t, hal::Receipt>> job;
        queue::Store* store = nullptr;
        std::optional<std::pair<std::uint64_t, queue::CaseInput>> save;
    };
    std::shared_ptr<PrintQueue> prints_ = std::make_shared<PrintQueue>();

    /// 好差评 of this session's case, while in Rating: the flow and what it needs. The flow's
    /// signals come from the tablet's thread; they are posted back to the owner thread.
    std::shared_ptr<hal::ReviewTablet> tablet_;
    struct RatingRun {
        std::unique_ptr<ApplicationService> service;
        std::unique_ptr<RatingFlow> flow;
        std::vector<base::Connection> connections; ///< last: cut before the flow goes
    };
    std::unique_ptr<RatingRun> rating_;
    RatingPlace ratingPlace_ = RatingPlace::None;
    std::optional<int> ratingLevel_;
    /// The case of a receipt scanned on an idle screen (ReceiptShown, then its Rating).
    std::optional<ReceiptCase> receiptCase_;
    /// Outcomes posted to the owner thread check it: they may arrive after the journey went.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    base::Worker ioWorker_; ///< last: stopped before the rest goes
};

} // namespace kiosk::core
