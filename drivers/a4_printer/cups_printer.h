// SPDX-License-Identifier: Apache-2.0
// drivers::a4_printer: A4 documents (certificates, 自助打印) to a CUPS queue through libcups,
// following the job until it is printed or fails.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "hal/document_printer.h"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace drivers::a4_printer {

using JobState = hal::DocumentJobState;
using JobOutcome = hal::DocumentJob;
using hal::toString;

struct CupsOptions {
    /// "HOST:PORT" or a socket path; empty: libcups's default (CUPS_SERVER, client.conf).
    std::string server;
    /// The job's requesting user; empty: libcups's default (CUPS_USER, the login name).
    std::string user;
    std::chrono::milliseconds pollInterval{500};
    /// How long a job may take before it is reported as not printed (a printer that stopped
    /// while the job waits counts at once, not after this).
    std::chrono::seconds timeout{180};
    const base::Clock* clock = &base::systemClock();
};

/// Parses "cups:QUEUE" (the [devices] a4_printer spec); errc::invalid_argument otherwise.
[[nodiscard]] base::Result<std::string> parseCupsSpec(std::string_view spec);

/// Prints the PDF file to `queue` and follows the job. `progress` (may be empty) hears every
/// state change, for the citizen's screen. Errors: errc::not_found when the queue does not
/// exist, hal::errc::device_fault when the printer is stopped or the job is aborted or
/// stopped, hal::errc::cancelled when someone cancelled it or `stop` was requested (following
/// the job ends at once; CUPS goes on with it), hal::errc::timeout when it did not finish in
/// time, hal::errc::no_device when the CUPS server cannot be reached.
[[nodiscard]] base::Result<JobOutcome>
printPdf(const std::string& queue, const std::string& pdfFile, const std::string& title,
         const CupsOptions& options, const std::function<void(const JobOutcome&)>& progress = {},
         std::stop_token stop = {});

/// hal::DocumentPrinter on a CUPS queue: the PDF goes through a private temporary file
/// (libcups sends files), removed after the job is submitted.
class CupsDocumentPrinter final : public hal::DocumentPrinter {
public:
    CupsDocumentPrinter(std::string queue, CupsOptions options = {})
        : queue_(std::move(queue)), options_(std::move(options))
    {
    }
    std::string describe() const override { return "cups:" + queue_; }

protected:
    base::Result<hal::DocumentJob> printPdfImpl(std::string_view pdf, const std::string& title,
                                                const Progress& progress,
                                                std::stop_token stop) override;

private:
    std::string queue_;
    CupsOptions options_;
};

} // namespace drivers::a4_printer
