// SPDX-License-Identifier: Apache-2.0
// TOTP and HOTP against the RFC test vectors (RFC 6238 appendix B, RFC 4226 appendix D), the
// ±1 step window, and base32 against RFC 4648 §10.
#include "kiosk/core/totp.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace kiosk::core;

namespace {

const std::string rfcSeed = "12345678901234567890"; // RFC 4226 and 6238's SHA-1 key

std::vector<std::uint8_t> bytes(const std::string& text)
{
    return {text.begin(), text.end()};
}

base::Clock::TimePoint at(std::int64_t unixSeconds)
{
    return base::Clock::TimePoint(std::chrono::seconds(unixSeconds));
}

TEST(Totp, Rfc4226AppendixDHotpValues)
{
    const std::vector<std::string> expected{"755224", "287082", "359152", "969429", "338314",
                                            "254676", "287922", "162583", "399871", "520489"};
    for (std::size_t counter = 0; counter < expected.size(); ++counter)
        EXPECT_EQ(hotp(bytes(rfcSeed), counter, 6), expected[counter]) << "counter " << counter;
}

TEST(Totp, Rfc6238AppendixBSha1Vectors)
{
    struct Vector {
        std::int64_t time;
        std::uint64_t step;
        std::string code;
    };
    const std::vector<Vector> vectors{{59, 0x1, "94287082"},
                                      {1111111109, 0x23523EC, "07081804"},
                                      {1111111111, 0x23523ED, "14050471"},
                                      {1234567890, 0x273EF07, "89005924"},
                                      {2000000000, 0x3F940AA, "69279037"},
                                      {20000000000, 0x27BC86AA, "65353130"}};
    const TotpParameters eightDigits{.step = std::chrono::seconds(30), .digits = 8};
    for (const auto& vector : vectors) {
        const auto step = totpStep(vector.time, std::chrono::seconds(30));
        EXPECT_EQ(step, vector.step) << "T = " << vector.time;
        EXPECT_EQ(hotp(bytes(rfcSeed), step, 8), vector.code) << "T = " << vector.time;
        // The kiosk's 6 digits are the same number's last six (the same truncation, mod 10^6).
        EXPECT_EQ(hotp(bytes(rfcSeed), step, 6), vector.code.substr(2));
        // The clock's TimePoint (nanoseconds) reaches 2262: the 2603 vector is steps only.
        if (vector.time < 9'000'000'000) {
            EXPECT_EQ(totp(bytes(rfcSeed), at(vector.time), eightDigits), vector.code);
        }
    }
}

TEST(Totp, TheWindowTakesOneStepEitherSideAndNoMore)
{
    const auto key = bytes(rfcSeed);
    const auto now = at(1111111111); // step 0x23523ED
    const auto step = totpStep(now, std::chrono::seconds(30));
    EXPECT_EQ(matchTotp(key, hotp(key, step, 6), now), step);
    EXPECT_EQ(matchTotp(key, hotp(key, step - 1, 6), now), step - 1) << "typed just before";
    EXPECT_EQ(matchTotp(key, hotp(key, step + 1, 6), now), step + 1) << "a fast clock";
    EXPECT_FALSE(matchTotp(key, hotp(key, step - 2, 6), now));
    EXPECT_FALSE(matchTotp(key, hotp(key, step + 2, 6), now));
    EXPECT_FALSE(matchTotp(key, "12345", now)) << "too short";
    EXPECT_FALSE(matchTotp(key, "1234567", now)) << "too long";
}

TEST(Totp, Base32DecodesRfc4648Vectors)
{
    const std::vector<std::pair<std::string, std::string>> vectors{{"", ""},
                                                                   {"MY======", "f"},
                                                                   {"MZXQ====", "fo"},
                                                                   {"MZXW6===", "foo"},
                                                                   {"MZXW6YQ=", "foob"},
                                                                   {"MZXW6YTB", "fooba"},
                                                                   {"MZXW6YTBOI======", "foobar"}};
    for (const auto& [text, plain] : vectors) {
        auto decoded = decodeBase32(text);
        ASSERT_TRUE(decoded) << text;
        EXPECT_EQ(std::string(decoded->begin(), decoded->end()), plain) << text;
    }
}

TEST(Totp, Base32TakesWhatPeopleTypeAndRefusesTheRest)
{
    auto grouped = decodeBase32("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq\n");
    ASSERT_TRUE(grouped);
    EXPECT_EQ(std::string(grouped->begin(), grouped->end()), rfcSeed);
    EXPECT_FALSE(decodeBase32("MZXW1===")) << "1 is not in the alphabet";
    EXPECT_FALSE(decodeBase32("MZ=XW")) << "data after padding";
}

} // namespace
