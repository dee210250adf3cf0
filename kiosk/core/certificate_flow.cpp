// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/certificate_flow.h"
#include "base/citizen_text.h"

#include "base/log.h"
#include "hal/errc.h"
#include "kiosk/core/certificate.h"
#include "offline_queue/platform_client.h"

namespace kiosk::core {

namespace {
constexpr auto certificateFlowLog = "core/certificate";
using St = CertificateStatus;
} // namespace

std::string_view toString(CertificateStatus status)
{
    switch (status) {
    case St::None:
        return "none";
    case St::Fetching:
        return "fetching";
    case St::Queued:
        return "queued";
    case St::Printing:
        return "printing";
    case St::Done:
        return "done";
    case St::NoDocument:
        return "no_document";
    case St::Unreachable:
        return "unreachable";
    case St::PlatformFailed:
        return "platform_failed";
    case St::PrinterStopped:
        return "printer_stopped";
    case St::JobAborted:
        return "job_aborted";
    case St::Cancelled:
        return "cancelled";
    case St::QueueMissing:
        return "queue_missing";
    case St::NoPrintSystem:
        return "no_print_system";
    case St::TimedOut:
        return "timed_out";
    }
    return "none";
}

std::string_view certificateStatusMessage(CertificateStatus status)
{
    switch (status) {
    case St::None:
        return "";
    case St::Fetching:
        return base::CitizenText::tr("正在获取您的证明材料，请稍候……");
    case St::Queued:
        return base::CitizenText::tr("正在准备打印，请稍候……");
    case St::Printing:
        return base::CitizenText::tr("正在打印，请稍候，不要离开……");
    case St::Done:
        return base::CitizenText::tr("打印完成，请从打印机出纸口取走您的证明材料。");
    case St::NoDocument:
        return base::CitizenText::tr(
            "没有查到可以打印的证明材料。请核对所选事项，或到服务窗口咨询。");
    case St::Unreachable:
        return base::CitizenText::tr(
            "网络暂时不通，无法获取证明材料。请稍后再试，或到服务窗口办理。");
    case St::PlatformFailed:
        return base::CitizenText::tr("暂时无法获取证明材料，请稍后再试，或到服务窗口办理。");
    case St::PrinterStopped:
        return base::CitizenText::tr(
            "打印机已停止工作（可能缺纸或卡纸），未能打印。请按“人工帮助”请工作人员处理，"
            "或到服务窗口办理。");
    case St::JobAborted:
        return base::CitizenText::tr(
            "打印任务被中止，证明材料没有打印出来。您可以重新打印，或到服务窗口办理。");
    case St::Cancelled:
        return base::CitizenText::tr("打印已取消。您可以重新打印，或到服务窗口办理。");
    case St::QueueMissing:
        return base::CitizenText::tr(
            "本机的证明打印机未设置好，暂时不能打印。请到服务窗口办理，工作人员会为您处理。");
    case St::NoPrintSystem:
        return base::CitizenText::tr(
            "本机的证明打印机暂时不能使用。请到服务窗口办理，工作人员会为您处理。");
    case St::TimedOut:
        return base::CitizenText::tr("打印时间过长，请到服务窗口询问是否已打印，不要重复打印。");
    }
    return "";
}

bool isBusy(CertificateStatus status)
{
    return status == St::Fetching || status == St::Queued || status == St::Printing;
}

bool canRetry(CertificateStatus status)
{
    return status == St::Unreachable || status == St::PlatformFailed || status == St::JobAborted ||
           status == St::Cancelled;
}

CertificateStatus certificateFailure(const base::Error& error,
                                     std::optional<hal::DocumentJobState> last)
{
    if (error.code == queue::UplinkErrc::link)
        return St::Unreachable;
    if (error.code.category() == queue::uplinkCategory())
        return St::PlatformFailed;
    if (error.code == base::errc::not_found)
        return St::QueueMissing;
    if (error.code == hal::errc::no_device)
        return St::NoPrintSystem;
    if (error.code == hal::errc::cancelled)
        return St::Cancelled;
    if (error.code == hal::errc::timeout)
        return St::TimedOut;
    // device_fault: the job itself ended badly, or it waits on (or was refused by) a stopped
    // printer. The last job state the print system reported tells which.
    if (last == hal::DocumentJobState::Aborted || last == hal::DocumentJobState::Stopped)
        return St::JobAborted;
    return St::PrinterStopped;
}

CertificateFlow::CertificateFlow(const base::Clock& clock, PostToOwner post,
                                 std::function<void()> changed)
    : post_(std::move(post)), changed_(std::move(changed)), worker_({"journey/certificate"}, clock)
{
    worker_.start(
        [shared = shared_, this](std::stop_token stop) {
            std::optional<Job> job;
            {
                std::lock_guard lock(shared->mutex);
                job.swap(shared->job);
            }
            if (job)
                run(*job, stop);
            return base::Worker::idle;
        },
        base::Worker::idle);
}

CertificateFlow::~CertificateFlow()
{
    worker_.stop();
    alive_.reset();
    clear();
}

void CertificateFlow::setPlatform(queue::Uplink* uplink)
{
    std::lock_guard lock(shared_->mutex);
    shared_->uplink = uplink;
}

void CertificateFlow::setPrinter(std::shared_ptr<hal::DocumentPrinter> printer)
{
    std::lock_guard lock(shared_->mutex);
    shared_->printer = std::move(printer);
}

bool CertificateFlow::hasPrinter() const
{
    std::lock_guard lock(shared_->mutex);
    return shared_->printer != nullptr;
}

void CertificateFlow::start(const CatalogItem& item, const hal::CardData& card)
{
    if (isBusy(status_))
        return; // one job at a time: a second tap does not print twice
    ++generation_;
    status_ = St::Fetching;
    {
        std::lock_guard lock(shared_->mutex);
        // Built whole and moved in: clang 16 cannot default-construct a nested struct with
        // member initializers inside its enclosing class's definition (the fuzz build).
        shared_->job.emplace(Job{generation_, item, card});
    }
    worker_.trigger();
    changed_();
}

void CertificateFlow::run(Job& job, std::stop_token stop)
{
    // On the worker. Each state goes to the owner thread; the generation drops those of a
    // session that ended meanwhile.
    const auto tell = [post = post_, alive = std::weak_ptr<bool>(alive_), this,
                       generation = job.generation](CertificateStatus status) {
        post([alive, this, generation, status] {
            if (!alive.expired())
                moved(generation, status);
        });
    };
    queue::Uplink* uplink = nullptr;
    std::shared_ptr<hal::DocumentPrinter> printer;
    {
        std::lock_guard lock(shared_->mutex);
        uplink = shared_->uplink;
        printer = shared_->printer;
    }
    if (uplink == nullptr || !printer) {
        tell(uplink == nullptr ? St::Unreachable : St::NoPrintSystem);
        return;
    }
    std::optional<hal::DocumentJobState> last;
    auto result = printCertificate(
        *uplink, *printer, job.item, job.card,
        [&](hal::DocumentJobState state, std::string_view) {
            last = state;
            if (state == hal::DocumentJobState::Queued)
                tell(St::Queued);
            else if (state == hal::DocumentJobState::Printing)
                tell(St::Printing);
        },
        std::move(stop));
    if (!result) {
        base::log::warning(certificateFlowLog, "certificate for " + job.item.code +
                                                   " not printed: " + result.error().describe());
        tell(certificateFailure(result.error(), last));
        return;
    }
    tell(result->printed ? St::Done : St::NoDocument);
}

void CertificateFlow::moved(std::uint64_t generation, CertificateStatus status)
{
    if (generation != generation_)
        return;
    status_ = status;
    changed_();
}

void CertificateFlow::clear()
{
    ++generation_;
    {
        std::lock_guard lock(shared_->mutex);
        shared_->job.reset(); // a job not yet started carries the card
    }
    status_ = St::None;
}

} // namespace kiosk::core
