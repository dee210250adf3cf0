// SPDX-License-Identifier: Apache-2.0
// FakeDocumentPrinter: keeps the PDFs it is given; the outcome of the next job is scriptable.
#pragma once

#include "hal/document_printer.h"

#include <mutex>
#include <optional>
#include <vector>

namespace drivers::fake {

class FakeDocumentPrinter final : public hal::DocumentPrinter {
public:
    /// The next job ends in `state` (an error for anything but Completed), with `detail`.
    void failNext(hal::DocumentJobState state, std::string detail);
    /// Every PDF printed so far (completed jobs only).
    [[nodiscard]] std::vector<std::string> printed() const;

    std::string describe() const override { return "fake"; }

protected:
    /// Ends at once: the job's outcome is known when it is submitted (`stop` is not needed).
    base::Result<hal::DocumentJob> printPdfImpl(std::string_view pdf, const std::string& title,
                                                const Progress& progress,
                                                std::stop_token stop) override;

private:
    mutable std::mutex mutex_;
    std::vector<std::string> printed_;
    std::optional<hal::DocumentJob> next_;
    int jobs_ = 0;
};

} // namespace drivers::fake
