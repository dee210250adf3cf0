// SPDX-License-Identifier: Apache-2.0
// Tests of base/: Result/Error, Signal/Connection, UUIDv4, RFC 3339 time.
#include "base/citizen_text.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/random.h"
#include "base/result.h"
#include "base/signal.h"
#include "base/utf8.h"

#include <gtest/gtest.h>

#include "tests/support/poll_until.h"

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {
base::Result<int> half(int value)
{
    if (value % 2 != 0)
        return base::fail(base::errc::invalid_argument, "odd value");
    return value / 2;
}
} // namespace

TEST(CitizenText, MarksWithoutChangingAndFillsTemplatesInOrder)
{
    EXPECT_STREQ(base::CitizenText::tr("请填写姓名"), "请填写姓名");
    EXPECT_EQ(base::CitizenText::format("请填写%1", {"联系电话"}), "请填写联系电话");
    EXPECT_EQ(base::CitizenText::format("%1年%2月%3日", {"2026", "11", "24"}), "2026年11月24日");
    EXPECT_EQ(base::CitizenText::format("%2 after %1", {"a", "b"}), "b after a");
    // A placeholder without its part, and a lone %, stay as written.
    EXPECT_EQ(base::CitizenText::format("%1 and %2", {"a"}), "a and %2");
    EXPECT_EQ(base::CitizenText::format("100% %1", {"sure"}), "100% sure");
}

TEST(Result, CarriesValueOrErrorWithCode)
{
    EXPECT_EQ(*half(4), 2);
    const auto odd = half(3);
    ASSERT_FALSE(odd);
    EXPECT_EQ(odd.error().code, base::errc::invalid_argument);
    EXPECT_EQ(odd.error().withContext("halving").message, "halving: odd value");
    EXPECT_NE(odd.error().describe().find("base:2"), std::string::npos);
}

TEST(Signal, EmitsToConnectedSlotsInOrder)
{
    base::Signal<int> signal;
    std::vector<int> calls;
    auto a = signal.connect([&](int v) { calls.push_back(v); });
    auto b = signal.connect([&](int v) { calls.push_back(v * 10); });
    signal.publish(3);
    EXPECT_EQ(calls, (std::vector<int>{3, 30}));
}

TEST(Signal, DestroyedConnectionDisconnects)
{
    base::Signal<> signal;
    int calls = 0;
    {
        auto connection = signal.connect([&] { ++calls; });
        signal.publish();
    }
    signal.publish();
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(signal.slotCount(), 0u);
}

TEST(Signal, ConnectionOutlivingSignalIsHarmless)
{
    base::Connection connection;
    {
        base::Signal<> signal;
        connection = signal.connect([] {});
    }
    connection.reset();
    EXPECT_FALSE(connection.connected());
}

TEST(Signal, SlotMayDisconnectItselfWhileEmitting)
{
    base::Signal<> signal;
    int calls = 0;
    base::Connection self;
    self = signal.connect([&] {
        ++calls;
        self.reset();
    });
    signal.publish();
    signal.publish();
    EXPECT_EQ(calls, 1);
}

TEST(Signal, ResetWaitsForTheSlotRunningOnAnotherThread)
{
    base::Signal<> signal;
    std::atomic<bool> inside = false;
    std::atomic<bool> release = false;
    std::atomic<bool> finished = false;
    auto connection = signal.connect([&] {
        inside = true;
        while (!release)
            std::this_thread::yield();
        finished = true; // what a receiver destroyed right after reset() would still touch
    });
    std::jthread emitter([&] { signal.publish(); });
    ASSERT_TRUE(test_support::pollUntil([&] { return inside.load(); }));
    std::jthread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        release = true;
    });
    connection.reset();
    EXPECT_TRUE(finished) << "reset() returned while the slot was still running";
}

TEST(Signal, NoSlotStartsAfterReset)
{
    base::Signal<> signal;
    std::atomic<int> calls = 0;
    auto connection = signal.connect([&] { ++calls; });
    connection.reset();
    signal.publish();
    EXPECT_EQ(calls, 0);
}

TEST(Uuid, IsVersion4AndUnique)
{
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto uuid = base::makeUuidV4();
        ASSERT_TRUE(base::isUuidV4(uuid)) << uuid;
        seen.insert(uuid);
    }
    EXPECT_EQ(seen.size(), 1000u);
    EXPECT_FALSE(base::isUuidV4("not-a-uuid"));
    EXPECT_FALSE(base::isUuidV4("123e4567-e89b-12d3-a456-426614174000")) << "version 1";
}

TEST(Clock, Rfc3339UsesChinaStandardTime)
{
    // 2026-11-23T02:15:00Z is 10:15 in Beijing.
    const auto time = std::chrono::system_clock::time_point(std::chrono::seconds(1795400100));
    EXPECT_EQ(base::toRfc3339(time), "2026-11-23T10:15:00+08:00");
}

// A driver module holds its own copy of base; forwarding sends its messages to the program's
// log, so both follow one sink and level.
namespace {
std::vector<std::string> forwardedMessages;
void collect(base::log::Level, std::string_view category, std::string_view message)
{
    forwardedMessages.push_back(std::string(category) + ": " + std::string(message));
}
} // namespace

TEST(Log, ForwardedMessagesGoToTheProgramsWriteInstead)
{
    base::log::forwardTo(&collect);
    base::log::info("drivers/camera", "opened");
    base::log::forwardTo(nullptr);
    base::log::info("drivers/camera", "not forwarded");
    ASSERT_EQ(forwardedMessages.size(), 1U);
    EXPECT_EQ(forwardedMessages[0], "drivers/camera: opened");
}

TEST(Utf8, DecodesValidSequencesAndRefusesWhatRfc3629Forbids)
{
    const std::string text = "A\xc3\xa9\xe4\xb8\xad\xf0\xa0\xae\xb7"; // A é 中 𠮷
    std::size_t i = 0;
    EXPECT_EQ(base::utf8::decode(text, i), U'A');
    EXPECT_EQ(base::utf8::decode(text, i), U'\u00e9');
    EXPECT_EQ(base::utf8::decode(text, i), U'\u4e2d');
    EXPECT_EQ(base::utf8::decode(text, i), U'\U00020bb7');
    EXPECT_EQ(i, text.size());
    for (std::string_view bad : {"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                 "\xe4\xb8", "\x80", "\xff"}) {
        std::size_t at = 0;
        EXPECT_FALSE(base::utf8::decode(bad, at));
        EXPECT_EQ(at, 0u) << "the position stays";
    }
}
