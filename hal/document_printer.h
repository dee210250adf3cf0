// SPDX-License-Identifier: Apache-2.0
// hal::DocumentPrinter: A4 documents (certificates, 自助打印) to an office printer queue.
#pragma once

#include "base/result.h"

#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

namespace hal {

/// Where a document job is: the print system's job states, simplified for the screen.
enum class DocumentJobState { Queued, Printing, Completed, Stopped, Cancelled, Aborted };
/// queued | printing | completed | stopped | cancelled | aborted
std::string_view toString(DocumentJobState value);

struct DocumentJob {
    int jobId = 0;
    DocumentJobState state = DocumentJobState::Queued;
    std::string detail; ///< the print system's reasons, for technicians (never personal data)
};

/// Prints PDFs and follows each job to its end. Unlike the four kiosk devices it has no
/// lifecycle of its own: the print system (CUPS) owns the printer and its state.
class DocumentPrinter {
public:
    using Progress = std::function<void(const DocumentJob&)>;
    virtual ~DocumentPrinter() = default;

    /// Prints `pdf` (the bytes) and waits until it is printed or fails; `progress` (may be
    /// empty) hears every state. Errors: base::errc::not_found (no such queue), no_device
    /// (print system unreachable), device_fault (printer stopped, job stopped or aborted),
    /// cancelled (by someone, or `stop` was requested: the wait ends at once, and a job
    /// submitted already goes on in the print system), timeout.
    [[nodiscard]] base::Result<DocumentJob> printPdf(std::string_view pdf, const std::string& title,
                                                     const Progress& progress,
                                                     std::stop_token stop = {})
    {
        return printPdfImpl(pdf, title, progress, std::move(stop));
    }
    /// "cups:Office_A4", "fake"
    [[nodiscard]] virtual std::string describe() const = 0;

protected:
    [[nodiscard]] virtual base::Result<DocumentJob> printPdfImpl(std::string_view pdf,
                                                                 const std::string& title,
                                                                 const Progress& progress,
                                                                 std::stop_token stop) = 0;
};

} // namespace hal
