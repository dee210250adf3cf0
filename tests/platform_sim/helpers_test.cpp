// SPDX-License-Identifier: Apache-2.0
// The simulator's small helpers: ETag matching, Base64, RFC 3339, the PDF, fault merging.
#include "platform_sim/catalog.h"
#include "platform_sim/digest.h"
#include "platform_sim/faults.h"
#include "platform_sim/pdf.h"
#include "platform_sim/validation.h"

#include <gtest/gtest.h>

namespace platform_sim {
namespace {

TEST(EtagMatches, ComparesListedTagsWeaklyAndHonoursTheWildcard)
{
    const std::string etag = "\"abc\"";
    EXPECT_TRUE(etagMatches("\"abc\"", etag));
    EXPECT_TRUE(etagMatches("W/\"abc\"", etag));
    EXPECT_TRUE(etagMatches("\"x\", \"abc\"", etag));
    EXPECT_TRUE(etagMatches("*", etag));
    EXPECT_FALSE(etagMatches("\"abcd\"", etag));
    EXPECT_FALSE(etagMatches("abc", etag));
}

TEST(DecodeBase64, DecodesPaddedTextAndRefusesTheRest)
{
    EXPECT_EQ(decodeBase64("aGVsbG8="), "hello");
    EXPECT_EQ(decodeBase64("aGk="), std::string("hi"));
    EXPECT_EQ(decodeBase64("aGV5"), "hey");
    EXPECT_EQ(decodeBase64(""), "");
    EXPECT_FALSE(decodeBase64("aGVsbG8"));
    EXPECT_FALSE(decodeBase64("a$=="));
}

TEST(Sha256Hex, MatchesTheKnownDigestOfAbc)
{
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(isSha256Hex(sha256Hex("")));
    EXPECT_FALSE(isSha256Hex("xyz"));
}

TEST(IsRfc3339, NeedsAnOffset)
{
    EXPECT_TRUE(isRfc3339("2026-11-23T10:15:00+08:00"));
    EXPECT_TRUE(isRfc3339("2026-11-23T02:15:00.250Z"));
    EXPECT_FALSE(isRfc3339("2026-11-23T10:15:00"));
    EXPECT_FALSE(isRfc3339("2026-11-23 10:15:00+08:00"));
}

TEST(MakePdf, HasAHeaderATrailerAndACrossReferenceTableThatPointsAtTheObjects)
{
    const std::string pdf = makePdf("line one\nline (two)");

    ASSERT_TRUE(pdf.starts_with("%PDF-1.4\n"));
    ASSERT_TRUE(pdf.ends_with("%%EOF\n"));
    const auto startxref = pdf.rfind("startxref\n");
    const auto xref = std::stoul(pdf.substr(startxref + 10));
    ASSERT_EQ(pdf.compare(xref, 5, "xref\n"), 0);
    // Each in-use entry's offset points at "<n> 0 obj".
    for (int object = 1; object <= 5; ++object) {
        const auto entry =
            xref + 5 + 4 + 20 * static_cast<std::size_t>(object); // "0 6\n", 20 bytes each
        const auto offset = std::stoul(pdf.substr(entry, 10));
        EXPECT_EQ(pdf.compare(offset, 8, std::to_string(object) + " 0 obj\n"), 0) << object;
    }
    EXPECT_NE(pdf.find("(line \\(two\\)) Tj"), std::string::npos);
}

TEST(MergeFaults, ReplacesOnlyTheFieldsGiven)
{
    Faults current;
    current.failNext = 2;
    current.latencyMs = 7;

    const auto merged = mergeFaults(current, {{"dropNext", 1}, {"retryAfter", 3}});

    ASSERT_TRUE(merged);
    EXPECT_EQ(merged->failNext, 2);
    EXPECT_EQ(merged->latencyMs, 7);
    EXPECT_EQ(merged->dropNext, 1);
    EXPECT_EQ(merged->retryAfter, "3");
    EXPECT_FALSE(mergeFaults({}, {{"failNext", "two"}}));
    EXPECT_FALSE(mergeFaults({}, {{"latencyMs", -1}}));
    EXPECT_FALSE(mergeFaults({}, nlohmann::json::array()));
}

TEST(Faults, ReplaceBodiesUsesTheLongestPrefixAndDropsHeadersOfTheRealBody)
{
    auto faults =
        mergeFaults({}, {{"replaceBodies", {{"/v1/cases", "1"}, {"/v1/cases/query", "2"}}}});
    ASSERT_TRUE(faults) << faults.error().message;
    Reply reply{200, "%PDF-", "application/pdf", {{"ETag", "\"x\""}, {"X-Document-Id", "D"}}};
    replaceBody(*faults, "/v1/cases/query", reply);
    EXPECT_EQ(reply.body, "2");
    EXPECT_EQ(reply.contentType, "application/json");
    EXPECT_TRUE(reply.headers.empty());
    Reply notModified{304, "", "", {}};
    replaceBody(*faults, "/v1/cases", notModified);
    EXPECT_EQ(notModified.body, "");
    EXPECT_EQ(toJson(*faults)["replaceBodies"]["/v1/cases"], "1");
    EXPECT_TRUE(mergeFaults(*faults, {{"replaceBodies", nullptr}})->replaceBodies.empty());
    EXPECT_FALSE(mergeFaults({}, {{"replaceBodies", {{"/v1/cases", 42}}}}));
    EXPECT_FALSE(mergeFaults({}, {{"replaceBodies", "/v1/cases"}}));
}

} // namespace
} // namespace platform_sim
