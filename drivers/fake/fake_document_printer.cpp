// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_document_printer.h"

#include "hal/errc.h"

namespace drivers::fake {

void FakeDocumentPrinter::failNext(hal::DocumentJobState state, std::string detail)
{
    std::lock_guard lock(mutex_);
    next_ = hal::DocumentJob{0, state, std::move(detail)};
}

std::vector<std::string> FakeDocumentPrinter::printed() const
{
    std::lock_guard lock(mutex_);
    return printed_;
}

base::Result<hal::DocumentJob> FakeDocumentPrinter::printPdfImpl(std::string_view pdf,
                                                                 const std::string&,
                                                                 const Progress& progress,
                                                                 std::stop_token)
{
    hal::DocumentJob job;
    {
        std::lock_guard lock(mutex_);
        job.jobId = ++jobs_;
        if (next_) {
            job.state = next_->state;
            job.detail = next_->detail;
            next_.reset();
        } else {
            job.state = hal::DocumentJobState::Completed;
            printed_.emplace_back(pdf);
        }
    }
    if (progress) {
        progress({job.jobId, hal::DocumentJobState::Queued, {}});
        progress(job);
    }
    if (job.state == hal::DocumentJobState::Completed)
        return job;
    const auto code = job.state == hal::DocumentJobState::Cancelled ? hal::errc::cancelled
                                                                    : hal::errc::device_fault;
    return base::fail(code, "job " + std::to_string(job.jobId) + " " +
                                std::string(hal::toString(job.state)) + " (" + job.detail + ")");
}

} // namespace drivers::fake
