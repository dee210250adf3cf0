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
        {"zwfw-receipt:something", PayloadKind::Identity},  // not ours: a token candidate
        {"token with spaces, 1234", PayloadKind::Identity}, // printable ASCII, as the spec says
        {std::string(512, 'A'), PayloadKind::Identity},
        {std::string(513, 'A'), PayloadKind::Other},
        {"short-token-1234", PayloadKind::Identity}, // 16 characters
        {"short-token-123", PayloadKind::Other},
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

TEST(ScannedPayload, AnIdentityTokenIsTheTextOfACandidateOrARefusalWithAReason)
{
    using kiosk::core::identityToken;
    const std::string jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    EXPECT_EQ(identityToken(jwt).value_or(""), jwt);
    EXPECT_EQ(identityToken(std::string(512, '~')).value_or(""), std::string(512, '~'));
    // A phone app's link is a candidate too: only the platform knows its tokens.
    EXPECT_TRUE(identityToken("https://app.example.gov.cn/id?t=0123456789abcdef"));

    struct Case {
        std::string text;
        PayloadErrc error;
        std::string reason;
    };
    using namespace std::string_literals;
    const Case cases[] = {
        {"ZWFW-RECEIPT:" + base::makeUuidV4(), PayloadErrc::not_identity, "receipt"},
        {"6901234567892", PayloadErrc::not_identity, "shorter than 16"},
        {std::string(513, 'S'), PayloadErrc::not_identity, "longer than 512"},
        {std::string(kiosk::core::kMaxPayloadBytes + 1, 'S'), PayloadErrc::too_long, ""},
        {"SECRET身份证SECRET身份证", PayloadErrc::not_identity, "not printable ASCII"},
        {"SECRET-token-\x01-SECRET", PayloadErrc::control_character, ""},
        {"SECRET-token\0-SECRET-token"s, PayloadErrc::control_character, ""},
        {"SECRET-token\xff\xfe-SECRET", PayloadErrc::invalid_utf8, ""},
        {"", PayloadErrc::empty, ""},
    };
    for (const auto& c : cases) {
        auto token = identityToken(c.text);
        ASSERT_FALSE(token) << c.text.size() << " bytes";
        EXPECT_EQ(token.error().code, c.error) << token.error().message;
        EXPECT_NE(token.error().message.find(c.reason), std::string::npos) << token.error().message;
        EXPECT_EQ(token.error().message.find("SECRET"), std::string::npos) << token.error().message;
        EXPECT_FALSE(kiosk::core::citizenMessage(token.error()).empty());
    }
    auto receipt = identityToken("ZWFW-RECEIPT:" + base::makeUuidV4());
    ASSERT_FALSE(receipt);
    EXPECT_NE(kiosk::core::citizenMessage(receipt.error()).find("身份二维码"), std::string::npos);
}
