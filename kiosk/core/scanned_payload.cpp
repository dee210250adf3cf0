// SPDX-License-Identifier: Apache-2.0
// classifyPayload: strict UTF-8, no controls, a length cap, then the kind by syntax.
#include "kiosk/core/scanned_payload.h"
#include "base/citizen_text.h"

#include "base/random.h"
#include "base/utf8.h"
#include "kiosk/core/receipt.h"
#include "offline_queue/platform_client.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>

namespace kiosk::core {

namespace {

/// Receipts printed before the receipt URL (issue 16) carried this prefix and a submission id.
constexpr std::string_view kReceiptPrefix = "ZWFW-RECEIPT:";

class PayloadCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "payload"; }
    std::string message(int value) const override
    {
        switch (static_cast<PayloadErrc>(value)) {
        case PayloadErrc::empty:
            return "empty code";
        case PayloadErrc::too_long:
            return "code too long";
        case PayloadErrc::invalid_utf8:
            return "code is not valid UTF-8";
        case PayloadErrc::control_character:
            return "code contains a control character";
        case PayloadErrc::bad_receipt:
            return "receipt code with an invalid id";
        case PayloadErrc::not_identity:
            return "not an identity code";
        }
        return "unknown payload error";
    }
};

/// Code points that must never reach a screen or a request: C0 and C1 controls, DEL, and the
/// bidirectional embeddings, overrides and isolates that make text display as something else.
bool isForbiddenControl(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0xFEFF;
}

base::Result<void> checkSafe(std::string_view text)
{
    if (text.empty())
        return base::fail(PayloadErrc::empty, "scanned code is empty");
    if (text.size() > kMaxPayloadBytes)
        return base::fail(PayloadErrc::too_long, "scanned code has " + std::to_string(text.size()) +
                                                     " bytes, more than the limit of " +
                                                     std::to_string(kMaxPayloadBytes));
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const auto cp = base::utf8::decode(text, i);
        if (!cp)
            return base::fail(PayloadErrc::invalid_utf8,
                              "scanned code is not valid UTF-8 (at byte " + std::to_string(at) +
                                  ")");
        if (isForbiddenControl(*cp))
            return base::fail(
                PayloadErrc::control_character, "scanned code contains control character U+" +
                                                    [](char32_t c) {
                                                        char hex[9];
                                                        std::snprintf(hex, sizeof hex, "%04X",
                                                                      unsigned(c));
                                                        return std::string(hex);
                                                    }(*cp) +
                                                    " at byte " + std::to_string(at));
    }
    return {};
}

bool isLowerCaseUuidV4(std::string_view id)
{
    return base::isUuidV4(id) &&
           std::none_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return a == (b >= 'A' && b <= 'Z' ? char(b - 'A' + 'a') : b);
           });
}

bool isUrl(std::string_view text)
{
    std::string_view rest;
    if (startsWithNoCase(text, "https://"))
        rest = text.substr(8);
    else if (startsWithNoCase(text, "http://"))
        rest = text.substr(7);
    else
        return false;
    const auto host = rest.substr(0, rest.find_first_of("/?#"));
    return !host.empty() && text.find(' ') == std::string_view::npos;
}

/// Why valid text is not an identity token, for technicians (never the text itself).
std::string notIdentityReason(std::string_view text)
{
    constexpr std::size_t kMinLength = 16;
    constexpr std::size_t kMaxLength = 512;
    if (text.size() < kMinLength)
        return "shorter than " + std::to_string(kMinLength) + " characters";
    if (text.size() > kMaxLength)
        return "longer than " + std::to_string(kMaxLength) + " characters";
    return "not printable ASCII";
}

} // namespace

const std::error_category& payloadCategory()
{
    static const PayloadCategory instance;
    return instance;
}

std::string_view toString(PayloadKind kind)
{
    switch (kind) {
    case PayloadKind::Receipt:
        return "receipt";
    case PayloadKind::Identity:
        return "identity";
    case PayloadKind::Url:
        return "url";
    case PayloadKind::Other:
        return "other";
    }
    return "other";
}

base::Result<ScannedPayload> classifyPayload(std::string_view text,
                                             std::string_view receiptUrlTemplate)
{
    if (auto safe = checkSafe(text); !safe)
        return base::fail(safe.error());
    ScannedPayload payload;
    payload.text = std::string(text);
    if (text.starts_with(kReceiptPrefix)) {
        const auto id = text.substr(kReceiptPrefix.size());
        if (!isLowerCaseUuidV4(id))
            return base::fail(PayloadErrc::bad_receipt,
                              "receipt code does not carry a submission id this kiosk prints");
        payload.kind = PayloadKind::Receipt;
        payload.receiptRef = std::string(id);
        payload.submissionId = std::string(id);
    } else if (auto ref = receiptUrlTemplate.empty()
                              ? std::nullopt
                              : receiptRefFromUrl(receiptUrlTemplate, text)) {
        payload.kind = PayloadKind::Receipt;
        payload.receiptRef = *ref;
        if (isLowerCaseUuidV4(*ref))
            payload.submissionId = *ref;
    } else if (isUrl(text)) {
        payload.kind = PayloadKind::Url;
    } else if (queue::isIdentityTokenText(text)) {
        // The contract's token form (16-512 printable ASCII); the platform says whose it is.
        payload.kind = PayloadKind::Identity;
    }
    return payload;
}

base::Result<std::string> identityToken(std::string_view text, std::string_view receiptUrlTemplate)
{
    auto payload = classifyPayload(text, receiptUrlTemplate);
    if (!payload)
        return base::fail(payload.error());
    if (payload->kind == PayloadKind::Receipt)
        return base::fail(PayloadErrc::not_identity,
                          "scanned code is a receipt, not an identity code");
    if (!queue::isIdentityTokenText(payload->text))
        return base::fail(PayloadErrc::not_identity,
                          "scanned code is not an identity code: " + notIdentityReason(text));
    return std::move(payload->text);
}

std::string_view citizenMessage(const base::Error& error)
{
    if (error.code == PayloadErrc::not_identity)
        return base::CitizenText::tr(
            "这不是身份二维码，请打开手机上的电子身份证二维码，或改用身份证。");
    if (error.code == PayloadErrc::bad_receipt)
        return base::CitizenText::tr(
            "这张回执的二维码无法识别，请核对是否为本中心打印的回执，或咨询工作人员。");
    if (error.code == PayloadErrc::too_long)
        return base::CitizenText::tr("二维码内容过长，无法办理，请换用其他二维码或咨询工作人员。");
    if (error.code == PayloadErrc::empty)
        return base::CitizenText::tr("没有读到二维码内容，请把二维码放在扫描区域中央，稍等片刻。");
    return base::CitizenText::tr(
        "这个二维码无法识别，请换用政务服务二维码或回执上的二维码，或咨询工作人员。");
}

} // namespace kiosk::core
