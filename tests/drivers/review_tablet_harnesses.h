// SPDX-License-Identifier: Apache-2.0
// Harnesses for the review tablet driver: the tablet simulator (written from the spec, not
// from the driver) plays the tablet over a pty at a udev-style symlink, or on a TCP port.
#pragma once

#include "drivers/review_tablet/link_review_tablet.h"
#include "harness.h"
#include "tests/support/poll_until.h"
#include "tests/support/tablet_sim/tablet_sim.h"
#include "tests/support/temp_dir.h"

namespace contract {

/// Short waits for tests on the real clock: reconnects within milliseconds.
inline drivers::review_tablet::TabletOptions quickTabletOptions()
{
    drivers::review_tablet::TabletOptions options;
    options.reconnectFirst = std::chrono::milliseconds(10);
    options.reconnectMax = std::chrono::milliseconds(40);
    options.pollSlice = std::chrono::milliseconds(10);
    return options;
}

inline void waitForTabletState(hal::Device& device, hal::DeviceState state)
{
    EXPECT_TRUE(test_support::pollUntil([&] { return device.status().state == state; }))
        << "still " << hal::toString(device.status().state) << ", not " << hal::toString(state);
}

class SimTabletHarness final : public ReviewTabletHarness {
public:
    explicit SimTabletHarness(bool tcp)
    {
        sim_ = tcp ? test_support::TabletSim::onTcp()
                   : test_support::TabletSim::onPty(dir_.file("usb-Tablet_ACM-if00"));
        auto tablet = drivers::review_tablet::makeReviewTablet(sim_->spec(), quickTabletOptions());
        EXPECT_TRUE(tablet);
        tablet_ = std::move(*tablet);
    }
    ~SimTabletHarness() override { tablet_.reset(); }

    hal::ReviewTablet& device() override { return *tablet_; }
    void unplug() override
    {
        sim_->unplug();
        waitForTabletState(*tablet_, hal::DeviceState::Disconnected);
    }
    void plug() override
    {
        sim_->plug();
        waitForTabletState(*tablet_, hal::DeviceState::Ready);
    }
    void citizenRates(const hal::Rating& rating) override
    {
        ASSERT_TRUE(showsPending()) << "the tablet never showed the prompt";
        const auto asked = sim_->count("error", "reason_required");
        ASSERT_TRUE(sim_->rate(rating.level, rating.reasons, rating.comment));
        if (hal::ReviewTablet::needsReason(rating) && tablet_->info().showsReasons()) {
            EXPECT_TRUE(
                sim_->waitFor([&] { return sim_->count("error", "reason_required") > asked; }));
        }
    }
    void citizenWalksAway() override
    {
        ASSERT_TRUE(showsPending());
        ASSERT_TRUE(sim_->timeOut());
    }
    void becomeFourKeyEvaluator() override
    {
        sim_->sendHello("4");
        EXPECT_TRUE(test_support::pollUntil([&] { return tablet_->info().keys == 4; }));
    }
    int reasonRequests() override
    {
        return static_cast<int>(sim_->count("error", "reason_required"));
    }
    void rateAnotherRequest(int level) override
    {
        const auto stale =
            tablet_
                ->problems()[static_cast<std::size_t>(drivers::review_tablet::LineProblem::Stale)];
        sim_->rateFor("00000000-0000-4000-8000-000000000000", level);
        EXPECT_TRUE(test_support::pollUntil([&] {
            return tablet_->problems()[static_cast<std::size_t>(
                       drivers::review_tablet::LineProblem::Stale)] > stale;
        }));
    }

    test_support::TabletSim& sim() { return *sim_; }

private:
    /// Waits until the tablet shows the request pending now (not one cancelled before it).
    bool showsPending()
    {
        return sim_->waitFor([&] {
            const auto shown = sim_->shown();
            const auto pending = tablet_->pendingRequest();
            return shown && pending && (*shown)["requestId"] == *pending;
        });
    }

    test_support::TempDir dir_;
    std::unique_ptr<test_support::TabletSim> sim_;
    std::unique_ptr<drivers::review_tablet::LinkReviewTablet> tablet_;
};

} // namespace contract
