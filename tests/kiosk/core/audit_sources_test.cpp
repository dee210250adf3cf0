// SPDX-License-Identifier: Apache-2.0
// What feeds the audit trail: the queue's changes (identifiers only: no name or ID number ever
// reaches the trail), device attach/detach/fault, and start with a changed configuration.
#include "kiosk/core/audit_sources.h"
#include "kiosk/core/audit_verify.h"

#include "base/manual_clock.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace kiosk::core {
namespace {

namespace fs = std::filesystem;

class AuditSourcesTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto trail = AuditTrail::open(dir_.path(), {}, clock_);
        ASSERT_TRUE(trail);
        trail_ = std::move(*trail);
    }

    std::vector<nlohmann::json> records() const
    {
        auto read = readAuditRecords(dir_.path(), "");
        EXPECT_TRUE(read);
        return read.value_or(std::vector<nlohmann::json>{});
    }

    /// Every byte of the trail's files.
    std::string trailText() const
    {
        std::string text;
        for (const auto& entry : fs::directory_iterator(dir_.path() / "audit")) {
            std::ifstream in(entry.path());
            text += std::string(std::istreambuf_iterator<char>(in), {});
        }
        return text;
    }

    base::ManualClock clock_;
    test_support::TempDir dir_;
    std::unique_ptr<AuditTrail> trail_;
};

TEST_F(AuditSourcesTest, QueueChangesAreRecordedWithoutPersonalData)
{
    auto store = queue::Store::open(dir_.path() / "queue.db");
    ASSERT_TRUE(store);
    const auto connection = auditQueueChanges(**store, *trail_);
    queue::CaseInput input;
    input.body = {{"itemCode", "X1"},
                  {"applicant", {{"idNumber", "51070319520308002X"}, {"name", "李秀英"}}},
                  {"phone", "13800138000"}};
    const auto ref = (*store)->enqueueCase(input);
    ASSERT_TRUE(ref);
    ASSERT_TRUE((*store)->markDelivered(ref->caseRecordId, "CASE-1", clock_.now()));
    ASSERT_TRUE((*store)->purgeDelivered());

    const auto all = records();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0]["event"], "queue.created");
    EXPECT_EQ(all[0]["object"], "record " + std::to_string(ref->caseRecordId));
    EXPECT_EQ(all[0]["detail"]["submissionId"], ref->submissionId);
    EXPECT_EQ(all[0]["detail"]["itemCode"], "X1");
    EXPECT_EQ(all[1]["event"], "queue.delivered");
    EXPECT_EQ(all[2]["event"], "queue.purged");
    const auto text = trailText();
    for (const char* personal : {"51070319520308002X", "李秀英", "13800138000"})
        EXPECT_EQ(text.find(personal), std::string::npos) << personal;
}

TEST_F(AuditSourcesTest, DeviceAttachDetachAndFaultAreEventsAndBusyIsNot)
{
    using State = hal::DeviceState;
    hal::DeviceStatus printer;
    printer.deviceClass = hal::DeviceClass::ReceiptPrinter;
    printer.backend = "fake";
    printer.state = State::Ready;
    EXPECT_EQ(deviceAuditEvent(State::Closed, printer)->event, "device.attached");
    EXPECT_FALSE(deviceAuditEvent(State::Busy, printer));
    printer.state = State::Disconnected;
    EXPECT_EQ(deviceAuditEvent(State::Ready, printer)->event, "device.detached");
    printer.state = State::Fault;
    printer.detail = "paper jam";
    const auto fault = deviceAuditEvent(State::Ready, printer);
    ASSERT_TRUE(fault);
    EXPECT_EQ(fault->event, "device.fault");
    EXPECT_EQ(fault->result, "fault");
    EXPECT_EQ(fault->object, "receipt_printer");
    EXPECT_EQ(fault->detail["detail"], "paper jam");
}

TEST_F(AuditSourcesTest, AStartWithADifferentConfigurationRecordsTheChange)
{
    auditStart(*trail_, "0.1.0", 42, "/etc/kiosk/kiosk.toml", "aaaa");
    auditStop(*trail_);
    auditStart(*trail_, "0.1.0", 42, "/etc/kiosk/kiosk.toml", "aaaa");
    auditStart(*trail_, "0.1.0", 42, "/etc/kiosk/kiosk.toml", "bbbb");

    std::vector<std::string> events;
    for (const auto& record : records())
        events.push_back(record["event"]);
    EXPECT_EQ(events, (std::vector<std::string>{"kiosk.start", "kiosk.stop", "kiosk.start",
                                                "config.changed", "kiosk.start"}));
    const auto changed = records()[3];
    EXPECT_EQ(changed["detail"]["before"], "aaaa");
    EXPECT_EQ(changed["detail"]["after"], "bbbb");
    EXPECT_EQ(records()[4]["detail"]["configSha256"], "bbbb");
}

} // namespace
} // namespace kiosk::core
