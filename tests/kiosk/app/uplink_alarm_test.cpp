// SPDX-License-Identifier: Apache-2.0
// UplinkAlarm against platform-sim: credentials the platform refuses (403) hold the queue and
// raise UplinkStatus.queueHeld on the GUI thread, never on the sync thread; accepted ones keep
// it clear; the state is taken over when the loop was refused before the screens existed.
#include "base/manual_clock.h"
#include "kiosk/app/uplink_alarm.h"
#include "offline_queue/curl_uplink.h"
#include "platform_sim/server.h"
#include "tests/support/process_events_until.h"
#include "tests/support/temp_dir.h"

#include <QCoreApplication>
#include <QThread>
#include <gtest/gtest.h>

#include <chrono>

namespace {

constexpr const char* platformKioskId = "SC-510703-0042";

class UplinkAlarmTest : public ::testing::Test {
protected:
    /// A queue with one case and a sync loop whose uplink says it is `kioskId`.
    void setUp(const std::string& kioskId)
    {
        platform_sim::Options options;
        options.kioskId = platformKioskId; // any other X-Kiosk-Id is refused with 403
        auto sim = platform_sim::Server::start(options);
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        queue::StoreOptions storeOptions;
        storeOptions.clock = &clock_;
        auto store = queue::Store::open(dir_ / "queue.db", storeOptions);
        ASSERT_TRUE(store) << store.error().describe();
        store_ = std::move(*store);
        queue::CaseInput input;
        input.body = {{"itemCode", "X1"}};
        ASSERT_TRUE(store_->enqueueCase(input));
        queue::UplinkOptions uplinkOptions;
        uplinkOptions.baseUrl = sim_->baseUrl();
        uplinkOptions.kioskId = kioskId;
        uplinkOptions.allowInsecureLoopback = true;
        uplink_ = std::move(*queue::CurlUplink::create(uplinkOptions));
        sync_ = std::make_unique<queue::SyncLoop>(*store_, *uplink_, clock_, queue::SyncOptions{});
    }

    void TearDown() override
    {
        if (sync_)
            sync_->stop();
    }

    base::ManualClock clock_; ///< first: the store and the loop use it; the first pass runs at once
    test_support::TempDir dir_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<queue::Store> store_;
    std::unique_ptr<queue::CurlUplink> uplink_;
    std::unique_ptr<queue::SyncLoop> sync_;
};

} // namespace

TEST_F(UplinkAlarmTest, RefusedCredentialsRaiseTheMarkerOnTheGuiThread)
{
    setUp("SC-000000-9999");
    kiosk::ui::UplinkStatus status;
    std::vector<QThread*> changedOn;
    QObject::connect(&status, &kiosk::ui::UplinkStatus::queueHeldChanged,
                     [&] { changedOn.push_back(QThread::currentThread()); });
    kiosk::app::UplinkAlarm alarm(*sync_, status);
    sync_->start();

    ASSERT_TRUE(test_support::processEventsUntil([&] { return status.queueHeld(); }));
    EXPECT_EQ(sync_->linkState(), queue::LinkState::Unauthorized);
    ASSERT_EQ(changedOn.size(), 1u);
    EXPECT_EQ(changedOn.front(), QThread::currentThread());
    auto counts = store_->counts();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->pending, 1); // held, not lost and not a dead letter
    EXPECT_EQ(counts->deadLetter, 0);
}

TEST_F(UplinkAlarmTest, AcceptedCredentialsKeepTheMarkerClear)
{
    setUp(platformKioskId);
    kiosk::ui::UplinkStatus status;
    kiosk::app::UplinkAlarm alarm(*sync_, status);
    sync_->start();
    ASSERT_TRUE(test_support::processEventsUntil(
        [&] { return sync_->linkState() == queue::LinkState::Up; }));
    QCoreApplication::processEvents();
    EXPECT_FALSE(status.queueHeld());
}

TEST_F(UplinkAlarmTest, ALoopRefusedBeforeTheScreensExistedIsShownAtOnce)
{
    setUp("SC-000000-9999");
    ASSERT_TRUE(sync_->runPass()); // on this thread, before any alarm is connected
    ASSERT_EQ(sync_->linkState(), queue::LinkState::Unauthorized);
    kiosk::ui::UplinkStatus status;
    kiosk::app::UplinkAlarm alarm(*sync_, status);
    EXPECT_FALSE(status.queueHeld()); // queued, not set from the constructor's thread directly
    ASSERT_TRUE(test_support::processEventsUntil([&] { return status.queueHeld(); }));
}

TEST_F(UplinkAlarmTest, ACallQueuedForADestroyedStatusIsDropped)
{
    setUp("SC-000000-9999");
    ASSERT_TRUE(sync_->runPass());
    {
        kiosk::ui::UplinkStatus status;
        kiosk::app::UplinkAlarm alarm(*sync_, status); // queues a call to status
    }
    QCoreApplication::processEvents(); // would touch a destroyed status if it were delivered
    SUCCEED();
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
