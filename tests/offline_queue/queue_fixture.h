// SPDX-License-Identifier: Apache-2.0
// Shared by the offline_queue tests: sample records, platform-sim options, a store and an
// uplink to the simulator over loopback HTTP; stores and sync loops run on a ManualClock.
#pragma once

#include "base/manual_clock.h"
#include "offline_queue/curl_uplink.h"
#include "offline_queue/sync_loop.h"
#include "platform_sim/server.h"
#include "tests/support/manual_time.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <map>

namespace queue_test {

using namespace queue;
using namespace std::chrono_literals;

inline constexpr const char* kioskId = "SC-510703-0042";

inline platform_sim::Options simOptions(int port = 0)
{
    platform_sim::Options options;
    options.port = port;
    options.kioskId = kioskId;
    return options;
}

inline platform_sim::Faults faults(int failNext, int dropNext, std::string pathPrefix = {})
{
    platform_sim::Faults faults;
    faults.failNext = failNext;
    faults.failStatus = 503;
    faults.retryAfter = "0";
    faults.dropNext = dropNext;
    faults.pathPrefix = std::move(pathPrefix);
    return faults;
}

inline CaseInput sampleCase(int materials)
{
    CaseInput input;
    input.body = {{"kioskId", kioskId},
                  {"itemCode", "11510703060000000X400000079"},
                  {"catalogVersion", 2026112401},
                  {"applicant",
                   {{"idType", "resident"},
                    {"idNumber", "51070319520308002X"},
                    {"name", "李秀英"},
                    {"phone", "13808161234"}}},
                  {"form", {{"phone", "13808161234"}}},
                  {"delivery", {{"method", "pickup"}}},
                  {"createdAt", "2026-11-24T10:15:00+08:00"}};
    for (int i = 0; i < materials; ++i)
        input.materials.push_back(
            {"材料" + std::to_string(i), "image/jpeg",
             std::vector<std::uint8_t>(2048, static_cast<std::uint8_t>(i + 1))});
    return input;
}

inline nlohmann::json sampleRating(int level)
{
    return {{"kioskId", kioskId},
            {"itemCode", "11510703060000000X400000079"},
            {"channel", "tablet"},
            {"level", level},
            {"reasons", level <= 2 ? nlohmann::json::array({"R01"}) : nlohmann::json::array()},
            {"comment", ""},
            {"evaluatedAt", "2026-11-24T10:16:40+08:00"}};
}

/// A store at `path` whose records are stamped by `clock`.
inline std::unique_ptr<Store> openStore(const std::filesystem::path& path, const base::Clock& clock)
{
    StoreOptions options;
    options.clock = &clock;
    auto store = Store::open(path, options);
    EXPECT_TRUE(store) << store.error().describe();
    return store ? std::move(*store) : nullptr;
}

/// An uplink to platform-sim over loopback HTTP.
inline std::unique_ptr<CurlUplink> makeSimUplink(const std::string& url,
                                                 const std::string& id = kioskId)
{
    UplinkOptions options;
    options.baseUrl = url;
    options.kioskId = id;
    options.userAgent = "kiosk-test/1";
    options.allowInsecureLoopback = true;
    options.requestTimeout = 5s;
    auto uplink = CurlUplink::create(options);
    EXPECT_TRUE(uplink) << uplink.error().message;
    return std::move(*uplink);
}

/// Short backoffs (on the ManualClock they cost no real time; short keeps drains few passes).
inline SyncOptions quickOptions()
{
    SyncOptions options;
    options.backoffBase = 5ms;
    options.backoffCap = 20ms;
    options.idlePoll = 50ms;
    return options;
}

/// Runs passes on the caller's thread until nothing is pending, moving `clock` on by `step`
/// (the longest backoff of quickOptions()) after each instead of sleeping out the backoffs.
/// False if a pass fails or records are still pending after `passes`.
inline bool drain(SyncLoop& loop, Store& store, base::ManualClock& clock, int passes = 200,
                  std::chrono::milliseconds step = quickOptions().backoffCap)
{
    for (int i = 0; i < passes && store.counts()->pending > 0; ++i) {
        if (!loop.runPass())
            return false;
        clock.advance(step);
    }
    return store.counts()->pending == 0;
}

/// Every delivered case of the store accepted exactly once, and nothing else accepted.
inline void expectExactlyOnce(Store& store, const platform_sim::Snapshot& snapshot)
{
    std::map<std::string, int> accepted;
    for (const auto& c : snapshot.cases)
        ++accepted[c.submissionId];
    std::size_t cases = 0;
    const auto records = store.list();
    ASSERT_TRUE(records);
    for (const auto& record : *records)
        if (record.kind == RecordKind::Case) {
            ++cases;
            EXPECT_EQ(record.state, RecordState::Delivered) << record.lastError;
            EXPECT_EQ(accepted[record.submissionId], 1) << record.submissionId;
        }
    EXPECT_EQ(snapshot.cases.size(), cases);
    EXPECT_EQ(snapshot.counters.conflicts, 0u);
}

class SyncLoopTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto sim = platform_sim::Server::start(simOptions());
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        store_ = openStore(dir_ / "queue.db", clock_);
        ASSERT_TRUE(store_);
        uplink_ = makeSimUplink(sim_->baseUrl());
        loop_ = std::make_unique<SyncLoop>(*store_, *uplink_, clock_, options());
    }

    static SyncOptions options() { return quickOptions(); }

    /// Runs passes until nothing is pending, moving the clock on past every backoff.
    void drain() { ASSERT_TRUE(queue_test::drain(*loop_, *store_, clock_)); }

    QueueCounts counts() { return *store_->counts(); }

    base::ManualClock clock_; ///< first: the store and the loop use it
    test_support::TempDir dir_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<CurlUplink> uplink_;
    std::unique_ptr<SyncLoop> loop_;
};

} // namespace queue_test
