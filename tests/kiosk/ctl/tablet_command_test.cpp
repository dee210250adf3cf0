// SPDX-License-Identifier: Apache-2.0
// kioskctl tablet as a technician runs it: the real binary against the tablet simulator on a
// pty or a TCP port.
#include "tests/support/tablet_sim/tablet_sim.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace {

struct Run {
    int exitCode = -1;
    nlohmann::json out;
};

/// Starts kioskctl; the caller may act on the simulator before finish() collects the output.
class Kioskctl {
public:
    explicit Kioskctl(const std::string& arguments)
        : pipe_(popen(
              (std::string(KIOSKCTL_PATH) + " tablet " + arguments + " 2>/dev/null").c_str(), "r"))
    {
    }
    Run finish()
    {
        std::string text;
        std::array<char, 4096> buffer{};
        while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe_))
            text.append(buffer.data(), n);
        const int status = pclose(pipe_);
        Run run;
        run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        run.out = nlohmann::json::parse(text, nullptr, false);
        return run;
    }

private:
    FILE* pipe_;
};

Run tablet(const std::string& arguments)
{
    return Kioskctl(arguments).finish();
}

TEST(TabletCommand, StatusPrintsWhatTheTabletSaysItIs)
{
    test_support::TempDir dir;
    test_support::TabletSimOptions options;
    options.keys = "4";
    auto sim = test_support::TabletSim::onPty(dir.path() / "ttyTABLET", options);
    const auto run = tablet("status --device " + sim->spec() + " --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(run.out["backend"], "serial");
    EXPECT_EQ(run.out["model"], "SimTablet RT-5");
    EXPECT_EQ(run.out["firmware"], "1.0.0");
    EXPECT_EQ(run.out["keys"], 4);
    EXPECT_EQ(run.out["state"], "ready");
}

TEST(TabletCommand, TestPrintsTheCitizensRating)
{
    test_support::TabletSimOptions options;
    options.autoLevel = 5;
    auto sim = test_support::TabletSim::onTcp(0, options);
    const auto run = tablet("test --device " + sim->spec() + " --timeout 30 --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(run.out, (nlohmann::json{{"level", 5},
                                       {"reasons", nlohmann::json::array()},
                                       {"model", "SimTablet RT-5"}}));
    EXPECT_EQ(sim->count("show"), 1u);
    EXPECT_TRUE(sim->waitFor([&] { return sim->count("idle") == 1; }))
        << "the tablet goes back to idle";
}

TEST(TabletCommand, TestPrintsTheReasonsOfABadRating)
{
    test_support::TempDir dir;
    test_support::TabletSimOptions options;
    options.autoLevel = 1;
    options.autoReasons = {"T02"};
    auto sim = test_support::TabletSim::onPty(dir.path() / "ttyTABLET", options);
    const auto run = tablet("test --device " + sim->spec() + " --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(run.out["level"], 1);
    EXPECT_EQ(run.out["reasons"], nlohmann::json::array({"T02"}));
}

TEST(TabletCommand, PromptTimingOutOnTheTabletIsATimeoutError)
{
    auto sim = test_support::TabletSim::onTcp();
    Kioskctl running("test --device " + sim->spec() + " --timeout 30 --json");
    ASSERT_TRUE(sim->waitForShown());
    ASSERT_TRUE(sim->timeOut());
    const auto run = running.finish();
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.out["error"]["code"], "hal:4") << run.out;
}

TEST(TabletCommand, NoTabletThereIsNoDevice)
{
    auto sim = test_support::TabletSim::onTcp();
    const auto spec = sim->spec();
    sim.reset();
    const auto run = tablet("status --device " + spec + " --json");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.out["error"]["code"], "hal:1") << run.out;
}

TEST(TabletCommand, BadDeviceSpecIsAUsageError)
{
    const auto run = tablet("test --device usb:1234:5678 --json");
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(run.out["error"]["code"], "base:2") << run.out;
}

TEST(TabletCommand, UnknownSubcommandIsRefused)
{
    EXPECT_EQ(tablet("calibrate --device tcp:127.0.0.1:1").exitCode, 2);
}

} // namespace
