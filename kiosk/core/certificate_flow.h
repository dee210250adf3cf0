// SPDX-License-Identifier: Apache-2.0
// CertificateFlow: 自助打印 for the journey. The platform's document (POST /v1/documents) is
// fetched and printed on the A4 printer on a worker of its own (printCertificate, seconds to
// minutes); each job state comes back through the owner's post, in words for the citizen.
#pragma once

#include "base/clock.h"
#include "base/worker.h"
#include "hal/card_reader.h"
#include "hal/document_printer.h"
#include "kiosk/core/catalog.h"
#include "offline_queue/uplink.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string_view>

namespace kiosk::core {

/// Runs a task on the owner (GUI) thread later; the same type as journey.h's.
using PostToOwner = std::function<void(std::function<void()> task)>;

/// Where the citizen's certificate is, as the screen tells it.
enum class CertificateStatus {
    None,
    Fetching,       ///< the platform is being asked for the document
    Queued,         ///< the job waits in the print system
    Printing,       ///< the printer is printing it
    Done,           ///< printed: take it from the tray
    NoDocument,     ///< the platform has nothing to print for this citizen and item
    Unreachable,    ///< the platform could not be reached
    PlatformFailed, ///< the platform refused or answered nonsense
    PrinterStopped, ///< the printer (queue) is stopped or not accepting jobs
    JobAborted,     ///< the print system aborted or stopped the job
    Cancelled,      ///< someone cancelled the job at the printer
    QueueMissing,   ///< the configured CUPS queue does not exist
    NoPrintSystem,  ///< the print system (cupsd) cannot be reached
    TimedOut,       ///< the job did not finish in time
};
/// none | fetching | queued | printing | done | no_document | unreachable | platform_failed |
/// printer_stopped | job_aborted | cancelled | queue_missing | no_print_system | timed_out
[[nodiscard]] std::string_view toString(CertificateStatus status);
/// What the citizen reads for `status`, with what to do (Chinese).
[[nodiscard]] std::string_view certificateStatusMessage(CertificateStatus status);
/// True while the job is under way (no going back, no second job).
[[nodiscard]] bool isBusy(CertificateStatus status);
/// True for a fault the citizen may try again after (the others send to a counter).
[[nodiscard]] bool canRetry(CertificateStatus status);

/// The status for a failed printCertificate(): the error and the last job state heard.
[[nodiscard]] CertificateStatus certificateFailure(const base::Error& error,
                                                   std::optional<hal::DocumentJobState> last);

/// Not thread-safe except the setters: lives on the owner thread with the journey.
class CertificateFlow {
public:
    /// `changed` runs on the owner thread whenever status() changes.
    CertificateFlow(const base::Clock& clock, PostToOwner post, std::function<void()> changed);
    ~CertificateFlow();
    CertificateFlow(const CertificateFlow&) = delete;
    CertificateFlow& operator=(const CertificateFlow&) = delete;

    /// The platform link and the A4 printer (null: none). Thread-safe.
    void setPlatform(queue::Uplink* uplink);
    void setPrinter(std::shared_ptr<hal::DocumentPrinter> printer);
    [[nodiscard]] bool hasPrinter() const;

    /// Fetches and prints the certificate of `item` for the card's holder, on the worker.
    /// The card is copied into the job and wiped when the job is done or dropped.
    void start(const CatalogItem& item, const hal::CardData& card);
    /// Forgets everything (the session ended): late states are dropped.
    void clear();

    [[nodiscard]] CertificateStatus status() const { return status_; }
    [[nodiscard]] std::string_view message() const { return certificateStatusMessage(status_); }

private:
    struct Job {
        std::uint64_t generation = 0;
        CatalogItem item;
        hal::CardData card; ///< wiped by its destructor
    };
    struct Shared {
        mutable std::mutex mutex;
        queue::Uplink* uplink = nullptr;
        std::shared_ptr<hal::DocumentPrinter> printer;
        std::optional<Job> job;
    };

    /// One job on the worker; `stop` (the worker's) abandons the document's download.
    void run(Job& job, std::stop_token stop);
    void moved(std::uint64_t generation, CertificateStatus status);

    PostToOwner post_;
    std::function<void()> changed_;
    CertificateStatus status_ = CertificateStatus::None;
    std::uint64_t generation_ = 0;
    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    base::Worker worker_; ///< last: stopped before the rest goes
};

} // namespace kiosk::core
