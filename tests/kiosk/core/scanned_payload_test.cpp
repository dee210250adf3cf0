// SPDX-License-Identifier: Apache-2.0
// classifyPayload: what the kiosk prints is recognised exactly; hostile codes are refused
// with a clear message and never echoed into errors.
#include "base/random.h"
#include "kiosk/core/application.h"
#include "kiosk/core/scanned_payload.h"

#include <gtest/gtest.h>

using kiosk::core::classifyPayload;
using kiosk::core::PayloadErrc;
using kiosk::core::PayloadKind;

TEST(ScannedPayload, AnOlderReceiptCodeIsAReceiptWithItsId)
{
    const std::string id = base::makeUuidV4();
    auto payload = classifyPayload("ZWFW-RECEIPT:" + id);
    ASSERT_TRUE(payload) << payload.error().message;
    EXPECT_EQ(payload->kind, PayloadKind::Receipt);
    EXPECT_EQ(payload->submissionId, id);
}

TEST(ScannedPayload, ReceiptPrefixWithAnIdWeNeverPrintIsRefused)
{
    const std::string upper = "ZWFW-RECEIPT:3F2504E0-4F89-41D3-9A0C-0305E82C3301";
    for (const std::string& bad : {std::string("ZWFW-RECEIPT:"), std::string("ZWFW-RECEIPT:123"),
                                   upper, "ZWFW-RECEIPT:" + base::makeUuidV4() + "x"}) {
        auto payload = classifyPayload(bad);
        ASSERT_FALSE(payload) << bad;
        EXPECT_EQ(payload.error().code, PayloadErrc::bad_receipt) << bad;
    }
}

TEST(ScannedPayload, KindsBySyntax)
{
    struct Case {
        std::string text;
        PayloadKind kind;
    };
    const Case cases[] = {
        {"https://zwfw.sc.gov.cn/notice/2026/118", PayloadKind::Url},
        {"HTTP://example.org", PayloadKind::Url},
        {"https://", PayloadKind::Other},
        {"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", PayloadKind::Identity},
        {"51070320261123000123456789", PayloadKind::Identity},
        {"6901234567892", PayloadKind::Other},
        {"绵阳市涪城区政务服务中心 办事指南", PayloadKind::Other},
        {"zwfw-receipt:something", PayloadKind::Other},
    };
    for (const auto& c : cases) {
        auto payload = classifyPayload(c.text);
        ASSERT_TRUE(payload) << c.text;
        EXPECT_EQ(payload->kind, c.kind) << c.text;
        EXPECT_EQ(payload->text, c.text);
    }
}

TEST(ScannedPayload, HostileCodesAreRefusedWithoutEchoingThem)
{
    struct Case {
        std::string text;
        PayloadErrc error;
    };
    using namespace std::string_literals;
    const Case cases[] = {
        {"", PayloadErrc::empty},
        {std::string(kiosk::core::kMaxPayloadBytes + 1, 'A'), PayloadErrc::too_long},
        {"SECRET\0tail"s, PayloadErrc::control_character},
        {"SECRET\x1b[2J\x1b[31mred", PayloadErrc::control_character},
        {"SECRET\r\nX-Injected: 1", PayloadErrc::control_character},
        {"SECRET\ttab", PayloadErrc::control_character},
        {"SECRET\x7f", PayloadErrc::control_character},
        {"SECRET\xc2\x85nel", PayloadErrc::control_character},         // C1 NEL
        {"SECRET\xe2\x80\xaegpj.exe", PayloadErrc::control_character}, // right-to-left override
        {"SECRET\xe2\x81\xa6isolate", PayloadErrc::control_character},
        {"SECRET\xc0\xaf", PayloadErrc::invalid_utf8},         // overlong '/'
        {"SECRET\xe0\x80\xaf", PayloadErrc::invalid_utf8},     // overlong, 3 bytes
        {"SECRET\xed\xa0\x80", PayloadErrc::invalid_utf8},     // UTF-16 surrogate
        {"SECRET\xf4\x90\x80\x80", PayloadErrc::invalid_utf8}, // beyond U+10FFFF
        {"SECRET\xe4\xb8", PayloadErrc::invalid_utf8},         // truncated
        {"SECRET\x80", PayloadErrc::invalid_utf8},             // stray continuation
        {"SECRET\xff\xfe", PayloadErrc::invalid_utf8},
        {"SECRET\xb0\xec\xc0\xed", PayloadErrc::invalid_utf8}, // GBK bytes (办理)
    };
    for (const auto& c : cases) {
        auto payload = classifyPayload(c.text);
        ASSERT_FALSE(payload) << c.text.size() << " bytes";
        EXPECT_EQ(payload.error().code, c.error) << payload.error().message;
        EXPECT_EQ(payload.error().message.find("SECRET"), std::string::npos)
            << "the payload must not appear in the message: " << payload.error().message;
        EXPECT_FALSE(kiosk::core::citizenMessage(payload.error()).empty());
    }
}

TEST(ScannedPayload, ExactlyTheLimitIsAcceptedAndChineseIsValid)
{
    EXPECT_TRUE(classifyPayload(std::string(kiosk::core::kMaxPayloadBytes, 'A')));
    EXPECT_TRUE(classifyPayload("社保卡\xf0\x9f\x98\x80"));
}

TEST(ScannedPayload, EveryByteStringOfLengthUpToTwoNeverCrashes)
{
    // A small exhaustive sweep: every 1- and 2-byte input is classified or refused.
    std::size_t accepted = 0;
    for (int a = 0; a < 256; ++a)
        for (int b = -1; b < 256; ++b) {
            std::string text(1, char(a));
            if (b >= 0)
                text.push_back(char(b));
            if (classifyPayload(text))
                ++accepted;
        }
    EXPECT_GT(accepted, 95u * 95u);
}

TEST(ScannedPayload, CitizenMessagesAreChinese)
{
    auto refused = classifyPayload("ZWFW-RECEIPT:nope");
    ASSERT_FALSE(refused);
    EXPECT_NE(kiosk::core::citizenMessage(refused.error()).find("回执"), std::string::npos);
}
