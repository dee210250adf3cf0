// SPDX-License-Identifier: Apache-2.0
// kioskctl idcard as a technician runs it: the real binary against the reader simulator on a
// pty, and on the golden frames.
#include "drivers/fake/fake_card_reader.h"
#include "tests/support/idcard_sim/pty_reader_sim.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

namespace {

struct Run {
    int exitCode = -1;
    nlohmann::json out;
};

Run idcard(const std::string& arguments)
{
    const std::string command =
        std::string(KIOSKCTL_PATH) + " idcard " + arguments + " --json 2>/dev/null";
    std::string text;
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        text.append(buffer.data(), n);
    const int status = pclose(pipe);
    Run run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = nlohmann::json::parse(text, nullptr, false);
    return run;
}

class IdcardCommand : public testing::Test {
protected:
    std::string device() const { return "serial:" + sim_.path(); }

    test_support::TempDir dir_;
    test_support::PtyReaderSimulator sim_{dir_.path() / "ttyIDCARD"};
};

TEST_F(IdcardCommand, ReadPrintsTheCardMaskedByDefault)
{
    const auto card = drivers::fake::sampleCards()[0];
    sim_.device().present(card);
    const auto run = idcard("read --device " + device() + " --timeout 5");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(run.out["cardType"], "resident");
    EXPECT_EQ(run.out["idNumber"],
              card.idNumber.substr(0, 6) + "********" + card.idNumber.substr(14));
    EXPECT_EQ(run.out["name"], "李**");
    EXPECT_EQ(run.out["sex"], "female");
    EXPECT_EQ(run.out["nation"], "汉");
    EXPECT_EQ(run.out["birthDate"], "1952-03-08");
    EXPECT_EQ(run.out["validUntil"], "long-term");
    EXPECT_EQ(run.out["idNumberValid"], true);
    EXPECT_EQ(run.out["expired"], false);
    EXPECT_EQ(run.out["samId"], test_support::SamDevice::samIdText);
    EXPECT_TRUE(run.out["nameEn"].is_null());
}

TEST_F(IdcardCommand, NothingOfTheCardReachesTheLog)
{
    const auto card = drivers::fake::sampleCards()[0];
    sim_.device().present(card, "四川省成都市武侯区人民南路四段1号");
    const auto log = dir_.path() / "stderr.log";
    const std::string command = std::string(KIOSKCTL_PATH) + " idcard read --device " + device() +
                                " --timeout 5 --unmasked --json >/dev/null 2>" + log.string();
    ASSERT_EQ(std::system(command.c_str()), 0);
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find(test_support::SamDevice::samIdText), std::string::npos)
        << "the SAM id is logged for the audit trail";
    for (const auto& personal : {card.idNumber, card.name, card.address, card.birthDate,
                                 std::string("人民南路"), card.idNumber.substr(6, 8)})
        EXPECT_EQ(text.find(personal), std::string::npos) << "logged: " << personal;
}

TEST_F(IdcardCommand, UnmaskedPrintsNameAndNumberInFull)
{
    const auto card = drivers::fake::sampleCards()[3];
    sim_.device().present(card);
    const auto run = idcard("read --device " + device() + " --timeout 5 --unmasked");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(run.out["cardType"], "foreign_permanent_2023");
    EXPECT_EQ(run.out["idNumber"], card.idNumber);
    EXPECT_EQ(run.out["name"], card.name);
    EXPECT_EQ(run.out["nameEn"], card.nameEn);
    EXPECT_TRUE(run.out["nation"].is_null());
    EXPECT_TRUE(run.out["address"].is_null());
}

TEST_F(IdcardCommand, NoCardWithinTheTimeoutIsAnError)
{
    const auto run = idcard("read --device " + device() + " --timeout 0.3");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.out["error"]["code"].is_string());
    EXPECT_NE(run.out["error"]["message"].get<std::string>().find("no card"), std::string::npos);
}

TEST_F(IdcardCommand, StatusPrintsTheSamIdAndState)
{
    const auto run = idcard("status --device " + device());
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(run.out["samId"], test_support::SamDevice::samIdText);
    EXPECT_EQ(run.out["state"], "ready");
}

TEST_F(IdcardCommand, AMissingReaderAndAFaultySamAreDiagnosed)
{
    const auto missing = idcard("status --device serial:" + (dir_.path() / "none").string());
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.out["error"]["message"].get<std::string>().find("check the cable"),
              std::string::npos);
    sim_.device().failAlways(0x11FF, 0x60);
    const auto faulty = idcard("status --device " + device());
    EXPECT_EQ(faulty.exitCode, 1);
    EXPECT_NE(faulty.out["error"]["message"].get<std::string>().find("SAM self-test failed"),
              std::string::npos);
    const auto bad = idcard("status --device usb:12");
    EXPECT_EQ(bad.exitCode, 2);
}

TEST(IdcardDecode, DecodesACapturedFrameFromRawBytesAndFromHex)
{
    const std::string hex = std::string(GOLDEN_DIR) + "/read_hmt.hex";
    const auto fromHex = idcard("decode " + hex + " --unmasked");
    ASSERT_EQ(fromHex.exitCode, 0) << fromHex.out;
    EXPECT_EQ(fromHex.out["cardType"], "hmt_residence");
    EXPECT_EQ(fromHex.out["name"], "陈美玲");
    EXPECT_TRUE(fromHex.out["samId"].is_null());

    test_support::TempDir dir;
    const auto raw = dir.path() / "frame.bin";
    {
        std::ifstream in(hex);
        std::ofstream out(raw, std::ios::binary);
        std::string byte;
        while (in >> byte)
            out.put(static_cast<char>(std::stoul(byte, nullptr, 16)));
    }
    const auto fromRaw = idcard("decode " + raw.string());
    ASSERT_EQ(fromRaw.exitCode, 0) << fromRaw.out;
    EXPECT_EQ(fromRaw.out["name"], "陈**");
    EXPECT_EQ(fromRaw.out["idNumber"].get<std::string>().substr(0, 6), "810000");

    const auto status = idcard("decode " + std::string(GOLDEN_DIR) + "/status_60.hex");
    EXPECT_EQ(status.exitCode, 1);
}

} // namespace
