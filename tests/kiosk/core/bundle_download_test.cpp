// SPDX-License-Identifier: Apache-2.0
// The bundle download over a real loopback HTTP connection: the file and its SHA-256, the size
// limit with and without an announced length (nothing left on disk), HTTP errors, and https
// only unless plain http to loopback is allowed.
#include "kiosk/core/bundle_download.h"
#include "offline_queue/digest.h"
#include "tests/support/loopback_http.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace kiosk::core;

namespace {

queue::UplinkOptions loopbackAllowed()
{
    queue::UplinkOptions options;
    options.allowInsecureLoopback = true;
    options.userAgent = "kiosk-test";
    return options;
}

std::string contents(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST(BundleDownload, WritesTheFileAndItsSha256)
{
    const std::string body(300 * 1024, 'b');
    test_support::LoopbackHttp server(body);
    test_support::TempDir dir;
    auto got =
        curlBundleDownload(loopbackAllowed())(server.url(), dir / "update.raucb", 1024 * 1024, {});
    ASSERT_TRUE(got) << got.error().describe();
    EXPECT_EQ(got->bytes, body.size());
    EXPECT_EQ(got->sha256, queue::sha256Hex(body));
    EXPECT_EQ(contents(dir / "update.raucb"), body);
    EXPECT_EQ(std::filesystem::status(dir / "update.raucb").permissions() &
                  std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST(BundleDownload, ABodyLargerThanTheLimitIsRefusedAndNothingStays)
{
    test_support::TempDir dir;
    for (const bool announced : {true, false}) {
        test_support::LoopbackHttp server(std::string(64 * 1024, 'x'), 200, announced);
        auto got =
            curlBundleDownload(loopbackAllowed())(server.url(), dir / "update.raucb", 1000, {});
        ASSERT_FALSE(got) << "announced length: " << announced;
        EXPECT_NE(got.error().message.find("larger than the 1000 bytes"), std::string::npos)
            << got.error().message;
        EXPECT_FALSE(std::filesystem::exists(dir / "update.raucb"));
    }
}

TEST(BundleDownload, AnHttpErrorIsAnError)
{
    test_support::LoopbackHttp server("gone", 404);
    test_support::TempDir dir;
    auto got = curlBundleDownload(loopbackAllowed())(server.url(), dir / "update.raucb", 1000, {});
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code, base::errc::io);
    EXPECT_FALSE(std::filesystem::exists(dir / "update.raucb"));
}

TEST(BundleDownload, OnlyHttpsUnlessPlainHttpToLoopbackIsAllowed)
{
    test_support::LoopbackHttp server("bundle");
    test_support::TempDir dir;
    queue::UplinkOptions strict;
    for (const auto& url : {server.url(), std::string("ftp://127.0.0.1/update.raucb"),
                            std::string("file:///etc/passwd")}) {
        auto got = curlBundleDownload(strict)(url, dir / "update.raucb", 1000, {});
        ASSERT_FALSE(got) << url;
        EXPECT_EQ(got.error().message, "url: only https:// is allowed");
    }
    auto remote = curlBundleDownload(loopbackAllowed())("http://192.0.2.1/update.raucb",
                                                        dir / "update.raucb", 1000, {});
    ASSERT_FALSE(remote);
    EXPECT_EQ(remote.error().message, "url: only https:// is allowed");
    EXPECT_EQ(server.requests(), 0);
}
