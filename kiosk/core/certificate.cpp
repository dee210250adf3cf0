// SPDX-License-Identifier: Apache-2.0
// The PDF is personal data: it lives in memory for the print only and is zeroed afterwards.
#include "kiosk/core/certificate.h"
#include "base/citizen_text.h"

#include "base/log.h"
#include "base/secure_buffer.h"
#include "hal/errc.h"
#include "offline_queue/platform_client.h"

namespace kiosk::core {

std::string_view certificateMessage(hal::DocumentJobState state)
{
    switch (state) {
    case hal::DocumentJobState::Queued:
        return base::CitizenText::tr("正在准备打印，请稍候……");
    case hal::DocumentJobState::Printing:
        return base::CitizenText::tr("正在打印，请稍候，不要离开……");
    case hal::DocumentJobState::Completed:
        return base::CitizenText::tr("打印完成，请从出纸口取走您的证明材料。");
    case hal::DocumentJobState::Stopped:
    case hal::DocumentJobState::Aborted:
        return base::CitizenText::tr(
            "打印机出现故障，未能打印。请到服务窗口办理，工作人员会为您处理。");
    case hal::DocumentJobState::Cancelled:
        return base::CitizenText::tr("打印已取消。");
    }
    return "";
}

std::string_view certificateErrorMessage(const base::Error& error)
{
    if (error.code == queue::UplinkErrc::link)
        return base::CitizenText::tr(
            "网络暂时不通，无法获取证明材料，请稍后再试或到服务窗口办理。");
    if (error.code == hal::errc::cancelled)
        return base::CitizenText::tr("打印已取消。");
    if (error.code == hal::errc::timeout)
        return base::CitizenText::tr("打印时间过长，请到服务窗口询问是否已打印。");
    return base::CitizenText::tr("打印机暂时无法使用，请到服务窗口办理，工作人员会为您处理。");
}

base::Result<CertificateResult>
printCertificate(queue::Uplink& uplink, hal::DocumentPrinter& printer, const CatalogItem& item,
                 const hal::CardData& card,
                 const std::function<void(hal::DocumentJobState, std::string_view)>& progress,
                 std::stop_token stop)
{
    auto document =
        queue::fetchDocument(uplink, item.code, hal::toString(card.type), card.idNumber, stop);
    if (!document)
        return base::fail(document.error());
    CertificateResult result;
    if (!*document)
        return result; // nothing to print: the screen says so, nothing is an error
    result.documentId = (*document)->documentId;
    auto job = printer.printPdf((*document)->pdf, item.name,
                                [&](const hal::DocumentJob& state) {
                                    if (progress)
                                        progress(state.state, certificateMessage(state.state));
                                },
                                std::move(stop));
    base::secureZero((*document)->pdf);
    if (!job) {
        base::log::warning("core/certificate", "document " + result.documentId + " on " +
                                                   printer.describe() +
                                                   " not printed: " + job.error().describe());
        return base::fail(job.error());
    }
    result.printed = true;
    result.job = *job;
    return result;
}

} // namespace kiosk::core
