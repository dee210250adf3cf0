// SPDX-License-Identifier: Apache-2.0
// buildReceipt: the spec's content in a fixed order; masking and the receipt URL.
#include "kiosk/core/receipt.h"
#include "base/citizen_text.h"

#include "base/utf8.h"

#include "base/random.h"
#include "hal/errc.h"

#include <algorithm>

namespace kiosk::core {

namespace {

constexpr std::string_view kRefPlaceholder = "{ref}";

using Align = hal::ReceiptLine::Align;
using Line = hal::ReceiptLine;

std::size_t countCharacters(std::string_view text)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();
         i += base::utf8::sequenceLength(static_cast<unsigned char>(text[i])))
        ++count;
    return count;
}

bool isLowerUuidV4(std::string_view id)
{
    return base::isUuidV4(id) &&
           std::none_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool isCaseNo(std::string_view ref)
{
    return ref.size() >= 6 && ref.size() <= 64 && ref.front() != '-' &&
           std::all_of(ref.begin(), ref.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                      c == '-';
           });
}

/// "2026-11-23T10:15:00+08:00" -> "2026-11-23 10:15" (the kiosk's local time, CST).
std::string receiptTime(base::Clock::TimePoint now)
{
    std::string text = base::toRfc3339(now).substr(0, 16);
    if (text.size() > 10)
        text[10] = ' ';
    return text;
}

Line text(std::string words, Align align = Align::Left, bool bold = false, int size = 1)
{
    return {std::move(words), align, bold, size, Line::Kind::Text};
}

/// Name and ID number as the card says them; a foreigner's card may carry only a Latin name.
void appendApplicant(std::vector<Line>& lines, const Session& session)
{
    if (!session.card())
        return;
    const auto& card = *session.card();
    lines.push_back(text("申请人：" + maskName(card.name.empty() ? card.nameEn : card.name)));
    lines.push_back(text("证件号码：" + maskIdNumber(card.idNumber)));
}

void appendCase(std::vector<Line>& lines, const Session& session, const ReceiptFacts& facts)
{
    if (!facts.caseNo.empty()) {
        lines.push_back(text("办件编号：" + facts.caseNo, Align::Left, true));
        return;
    }
    lines.push_back(text("受理编号：" + session.submissionId(), Align::Left, true));
    lines.push_back(text("网络恢复后将自动提交，无需再次办理。"));
}

void appendGuide(std::vector<Line>& lines, const CatalogItem& item, const ReceiptFacts& facts)
{
    if (!facts.materials.empty()) {
        lines.push_back(text("已提交材料："));
        for (std::size_t i = 0; i < facts.materials.size(); ++i)
            lines.push_back(text("  " + std::to_string(i + 1) + ". " + facts.materials[i]));
    }
    const int days = item.guide.timeLimitDays;
    lines.push_back(
        text("办理时限：" + (days == 0 ? std::string("即办") : std::to_string(days) + "个工作日")));
    if (!item.guide.process.empty()) {
        lines.push_back(text("后续步骤："));
        for (std::size_t i = 0; i < item.guide.process.size(); ++i)
            lines.push_back(text("  " + std::to_string(i + 1) + ". " + item.guide.process[i]));
    }
}

} // namespace

std::string receiptUrl(std::string_view qrUrlTemplate, std::string_view ref)
{
    std::string url;
    bool replaced = false;
    for (std::size_t i = 0; i < qrUrlTemplate.size();) {
        if (qrUrlTemplate.substr(i).starts_with(kRefPlaceholder)) {
            url += ref;
            i += kRefPlaceholder.size();
            replaced = true;
        } else {
            url += qrUrlTemplate[i++];
        }
    }
    if (!replaced)
        url += ref;
    return url;
}

std::optional<std::string> receiptRefFromUrl(std::string_view qrUrlTemplate, std::string_view text)
{
    // The template's first {ref} splits it into what comes before and after the reference.
    const auto at = qrUrlTemplate.find(kRefPlaceholder);
    const auto prefix = qrUrlTemplate.substr(0, at);
    const auto suffix =
        at == std::string_view::npos ? std::string_view{} : qrUrlTemplate.substr(at + 5);
    if (prefix.empty() || text.size() <= prefix.size() + suffix.size() ||
        !text.starts_with(prefix) || !text.ends_with(suffix))
        return std::nullopt;
    const auto ref = text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
    if (!isReceiptRef(ref))
        return std::nullopt;
    return std::string(ref);
}

bool isReceiptRef(std::string_view ref)
{
    return isLowerUuidV4(ref) || isCaseNo(ref);
}

std::string maskName(std::string_view name)
{
    if (name.empty())
        return {};
    const std::size_t first =
        std::min(name.size(), base::utf8::sequenceLength(static_cast<unsigned char>(name[0])));
    const std::size_t rest = countCharacters(name.substr(first));
    return std::string(name.substr(0, first)) + std::string(std::max<std::size_t>(rest, 1), '*');
}

std::string maskIdNumber(std::string_view idNumber)
{
    if (idNumber.size() <= 10)
        return std::string(idNumber.size(), '*'); // too short to show any part safely
    return std::string(idNumber.substr(0, 6)) + std::string(idNumber.size() - 10, '*') +
           std::string(idNumber.substr(idNumber.size() - 4));
}

hal::Receipt buildReceipt(const Catalog& catalog, const CatalogItem& item, const Session& session,
                          const ReceiptSettings& settings, const ReceiptFacts& facts,
                          base::Clock::TimePoint now)
{
    std::vector<Line> lines;
    lines.push_back(
        text(catalog.regionName.empty() ? "政务服务自助终端" : catalog.regionName, Align::Center));
    lines.push_back(text("办件回执", Align::Center, true, 2));
    if (!settings.location.empty())
        lines.push_back(text(settings.location, Align::Center));
    lines.push_back(Line::separator());
    lines.push_back(text("事项：" + item.name));
    appendCase(lines, session, facts);
    appendApplicant(lines, session);
    lines.push_back(text("提交时间：" + receiptTime(now)));
    lines.push_back(Line::separator());
    appendGuide(lines, item, facts);
    lines.push_back(Line::separator());
    const std::string ref = facts.caseNo.empty() ? session.submissionId() : facts.caseNo;
    lines.push_back(Line::qr(receiptUrl(settings.qrUrlTemplate, ref)));
    lines.push_back(text("扫码查询办理进度、评价服务", Align::Center));
    lines.push_back(text("服务热线：12345", Align::Center, true));
    return hal::Receipt{std::move(lines)};
}

std::string_view receiptPrintMessage(const base::Error& error)
{
    if (error.code == hal::errc::media)
        return base::CitizenText::tr("回执打印机缺纸或未合盖，回执未能完整打印。您的申请已保存，"
                                     "请联系工作人员处理后点击“重新打印”。");
    if (error.code == hal::errc::no_device)
        return base::CitizenText::tr(
            "回执打印机暂时无法连接，您的申请已保存。请点击“重新打印”，或到服务窗口领取回执。");
    return base::CitizenText::tr(
        "回执打印机出现故障，您的申请已保存。请到服务窗口领取回执，工作人员会为您处理。");
}

} // namespace kiosk::core
