// SPDX-License-Identifier: Apache-2.0
// kioskctl as technicians run it: the real binary, a configuration file, and platform-sim on
// loopback. simulate's figures are checked against the simulator's own record.
#include "drivers/transport/image_codec.h"
#include "platform_sim/server.h"
#include "tests/support/pty_pair.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sys/wait.h>
#include <thread>

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
};

/// Runs kioskctl with `arguments` (already shell-quoted), capturing stdout; its log (stderr)
/// goes to `logFile`.
Run kioskctl(const std::string& arguments, const std::string& logFile = "/dev/null")
{
    const std::string command = std::string(KIOSKCTL_PATH) + " " + arguments + " 2>>" + logFile;
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return run;
    std::array<char, 4096> buffer{};
    while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        run.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

class KioskctlTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        platform_sim::Options options;
        options.kioskId = "SC-510703-0042";
        auto sim = platform_sim::Server::start(options);
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        writeConfig(sim_->baseUrl());
    }

    void writeConfig(const std::string& url, const std::string& extra = {})
    {
        std::ofstream(config()) << "[kiosk]\nid = \"SC-510703-0042\"\ndata_dir = \""
                                << (dir_ / "data").string() << "\"\n\n[platform]\nurl = \"" << url
                                << "\"\nallow_insecure_loopback = true\n\n[queue]\nkey_file = \""
                                << (dir_ / "queue.key").string() << "\"\n"
                                << extra;
    }

    std::string config() const { return (dir_ / "kiosk.toml").string(); }

    test_support::TempDir dir_;
    std::unique_ptr<platform_sim::Server> sim_;
};

} // namespace

TEST_F(KioskctlTest, PrintsItsVersion)
{
    const auto run = kioskctl("--version");
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_EQ(run.out, "kioskctl " KIOSK_VERSION "\n");
}

TEST_F(KioskctlTest, SimulateRunsCompleteSessionsAndTheyArriveExactlyOnce)
{
    const auto run = kioskctl("simulate --config " + config() + " --sessions 20 --wait 30 --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    const auto result = nlohmann::json::parse(run.out);
    EXPECT_EQ(result, (nlohmann::json{
                          {"sessions", 20}, {"delivered", 20}, {"queued", 0}, {"deadLetter", 0}}));

    const auto snapshot = sim_->snapshot();
    EXPECT_EQ(snapshot.cases.size(), 20u);
    EXPECT_EQ(snapshot.evaluations.size(), 20u);
    EXPECT_EQ(snapshot.counters.conflicts, 0u);

    const auto list = kioskctl("queue list --config " + config() + " --json");
    ASSERT_EQ(list.exitCode, 0);
    const auto records = nlohmann::json::parse(list.out);
    ASSERT_EQ(records.size(), 40u);
    for (const auto& record : records)
        EXPECT_EQ(record["state"], "delivered");
    // What technicians see holds no personal data.
    EXPECT_EQ(list.out.find("李秀英"), std::string::npos);
}

TEST_F(KioskctlTest, SimulateQueuesWhenThePlatformIsDown)
{
    const auto url = sim_->baseUrl();
    sim_.reset();
    const auto run = kioskctl("simulate --config " + config() + " --sessions 5 --wait 0.5 --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(nlohmann::json::parse(run.out)["queued"], 5);

    const auto status = kioskctl("status --config " + config() + " --json");
    ASSERT_EQ(status.exitCode, 0);
    const auto report = nlohmann::json::parse(status.out);
    EXPECT_EQ(report["queue"]["pending"], 10);
    EXPECT_EQ(report["catalog"]["items"], 200);
    EXPECT_EQ(report["devices"].size(), 4u);
}

TEST_F(KioskctlTest, SimulateEndsEachApplicationWithAReceiptPictureWhoseQrScansAsAReceipt)
{
    const auto receipts = (dir_ / "receipts").string();
    const auto run = kioskctl("simulate --config " + config() + " --sessions 2 --wait 0.5 " +
                              "--receipts " + receipts + " --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_TRUE(std::filesystem::exists(receipts + "/receipt-2.png"));
    const auto scan =
        kioskctl("scan --device image:" + receipts + "/receipt-1.png --timeout 5 --json");
    ASSERT_EQ(scan.exitCode, 0) << scan.out;
    const auto code = nlohmann::json::parse(scan.out)["codes"][0];
    EXPECT_EQ(code["kind"], "receipt");
    EXPECT_TRUE(code["text"].get<std::string>().starts_with("https://zwfw.example.gov.cn/r/"));
}

TEST_F(KioskctlTest, ABadConfigurationIsRefusedNamingKeyAndLine)
{
    writeConfig(sim_->baseUrl(), "max_size = 10\n");
    const auto run = kioskctl("status --config " + config() + " --json");
    EXPECT_EQ(run.exitCode, 2);
    const auto error = nlohmann::json::parse(run.out)["error"];
    EXPECT_NE(error["message"].get<std::string>().find(":11: unknown key 'queue.max_size'"),
              std::string::npos)
        << error;
}

TEST_F(KioskctlTest, PlainHttpToANonLoopbackHostIsRefused)
{
    writeConfig("http://10.1.2.3:8080/api");
    const auto run = kioskctl("simulate --config " + config() + " --sessions 1 --json");
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.out.find("loopback"), std::string::npos) << run.out;
}

TEST_F(KioskctlTest, QueueDrainDeliversWhatWasQueuedWhileThePlatformWasAway)
{
    sim_.reset();
    const auto queued =
        kioskctl("simulate --config " + config() + " --sessions 5 --wait 0.2 --json");
    ASSERT_EQ(queued.exitCode, 0) << queued.out;
    EXPECT_EQ(nlohmann::json::parse(queued.out)["queued"], 5);

    platform_sim::Options options;
    options.kioskId = "SC-510703-0042";
    sim_ = std::move(*platform_sim::Server::start(options));
    writeConfig(sim_->baseUrl());
    const auto drain = kioskctl("queue drain --config " + config() + " --wait 30 --json");
    ASSERT_EQ(drain.exitCode, 0) << drain.out;
    EXPECT_EQ(nlohmann::json::parse(drain.out),
              (nlohmann::json{{"delivered", 10}, {"pending", 0}, {"deadLetter", 0}}));
    EXPECT_EQ(sim_->snapshot().cases.size(), 5u);

    const auto show = kioskctl("queue show 1 --config " + config() + " --json");
    ASSERT_EQ(show.exitCode, 0) << show.out;
    const auto record = nlohmann::json::parse(show.out);
    EXPECT_EQ(record["state"], "delivered");
    EXPECT_EQ(record["sealedBytes"], 0) << "a delivered record keeps no body";

    const auto purge = kioskctl("queue purge-delivered --config " + config() + " --json");
    ASSERT_EQ(purge.exitCode, 0);
    EXPECT_EQ(nlohmann::json::parse(purge.out), (nlohmann::json{{"purged", 10}}));
    EXPECT_EQ(nlohmann::json::parse(kioskctl("queue list --config " + config() + " --json").out),
              nlohmann::json::array());
    const auto missing = kioskctl("queue show 1 --config " + config() + " --json");
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(nlohmann::json::parse(missing.out).contains("error"));
}

TEST_F(KioskctlTest, QueueDrainOutlivesAPlatformAnsweringWrongShapes)
{
    sim_.reset();
    ASSERT_EQ(
        kioskctl("simulate --config " + config() + " --sessions 3 --wait 0.2 --json").exitCode, 0);
    platform_sim::Options options;
    options.kioskId = "SC-510703-0042";
    options.faults.replaceBodies = {{"/v1/cases", R"({"caseNo":["51070319520308002X"]})"},
                                    {"/v1/evaluations", "[]"},
                                    {"/v1/materials/", "null"},
                                    {"/v1/catalog", R"({"code":7})"}};
    sim_ = std::move(*platform_sim::Server::start(options));
    writeConfig(sim_->baseUrl());
    const std::string log = (dir_ / "kioskctl.log").string();
    const auto hostile = kioskctl("queue drain --config " + config() + " --wait 1 --json", log);
    ASSERT_EQ(hostile.exitCode, 0) << hostile.out;
    EXPECT_EQ(nlohmann::json::parse(hostile.out)["pending"], 6) << "no case without its caseNo";
    const auto list = kioskctl("queue list --config " + config() + " --json");
    ASSERT_EQ(list.exitCode, 0);
    EXPECT_NE(list.out.find("caseNo: expected a string, got array"), std::string::npos) << list.out;

    ASSERT_TRUE(sim_->setFaults({}));
    const auto drain = kioskctl("queue drain --config " + config() + " --wait 30 --json", log);
    ASSERT_EQ(drain.exitCode, 0) << drain.out;
    EXPECT_EQ(nlohmann::json::parse(drain.out),
              (nlohmann::json{{"delivered", 6}, {"pending", 0}, {"deadLetter", 0}}));
    const auto snapshot = sim_->snapshot();
    EXPECT_EQ(snapshot.cases.size(), 3u);
    EXPECT_EQ(snapshot.evaluations.size(), 3u);
    EXPECT_EQ(snapshot.counters.conflicts, 0u);
    std::set<std::string> keys;
    for (const auto& accepted : snapshot.cases)
        EXPECT_TRUE(keys.insert(accepted.submissionId).second) << "accepted twice";
    std::ifstream in(log);
    const std::string logText((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(logText.find("51070319520308002X"), std::string::npos) << logText;
    EXPECT_EQ(list.out.find("51070319520308002X"), std::string::npos);
}

TEST_F(KioskctlTest, ADeadLetterIsVisibleAndRetriedByCommand)
{
    platform_sim::Faults faults;
    faults.failNext = 1;
    faults.failStatus = 422;
    faults.pathPrefix = "/v1/cases";
    ASSERT_TRUE(sim_->setFaults(faults));
    const auto run = kioskctl("simulate --config " + config() + " --sessions 1 --wait 1 --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(nlohmann::json::parse(run.out)["deadLetter"], 1);
    const auto list =
        nlohmann::json::parse(kioskctl("queue list --config " + config() + " --json").out);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0]["state"], "dead_letter");
    EXPECT_EQ(list[0]["lastError"], "422 injected_fault");

    const auto retry = kioskctl("queue retry-dead --config " + config() + " --json");
    ASSERT_EQ(retry.exitCode, 0);
    EXPECT_EQ(nlohmann::json::parse(retry.out), (nlohmann::json{{"retried", 1}}));
    const auto drain = kioskctl("queue drain --config " + config() + " --wait 30 --json");
    EXPECT_EQ(nlohmann::json::parse(drain.out),
              (nlohmann::json{{"delivered", 2}, {"pending", 0}, {"deadLetter", 0}}));
    EXPECT_EQ(sim_->snapshot().cases.size(), 1u);
    EXPECT_EQ(sim_->snapshot().evaluations.size(), 1u);
}

// --- kioskctl scan --------------------------------------------------------------------------

namespace {

/// A receipt QR code as the kiosk prints it, rendered by the qrencode tool.
std::string receiptImage(const test_support::TempDir& dir, const std::string& text)
{
    const auto path = dir.file("receipt.png");
    const std::string command = "qrencode -s 6 -o " + path + " '" + text + "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << "qrencode (scripts/packages.txt) is missing";
    return path;
}

} // namespace

TEST(KioskctlScan, ImageSourcePrintsTheReceiptCodeClassified)
{
    test_support::TempDir dir;
    const std::string text = "ZWFW-RECEIPT:3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    const auto run = kioskctl("scan --device image:" + receiptImage(dir, text) + " --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    const auto result = nlohmann::json::parse(run.out);
    ASSERT_EQ(result["codes"].size(), 1u);
    EXPECT_EQ(result["codes"][0]["format"], "QRCode");
    EXPECT_EQ(result["codes"][0]["text"], text);
    EXPECT_EQ(result["codes"][0]["kind"], "receipt");
    EXPECT_EQ(result["codes"][0]["submissionId"], "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
}

TEST(KioskctlScan, ImageWithoutACodeTimesOutWithNoCodes)
{
    test_support::TempDir dir;
    // A white picture, as a JPEG (the scanner's image: source reads JPEG and PNG).
    const std::vector<std::uint8_t> white(160 * 120 * 3, 0xff);
    const auto jpeg = drivers::encodeJpeg(white.data(), 160, 120, 160 * 3);
    ASSERT_TRUE(jpeg) << jpeg.error().describe();
    const auto blank = dir.file("blank.jpg");
    std::ofstream(blank, std::ios::binary)
        .write(reinterpret_cast<const char*>(jpeg->data()),
               static_cast<std::streamsize>(jpeg->size()));
    const auto run = kioskctl("scan --device image:" + blank + " --timeout 0.5 --json");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(nlohmann::json::parse(run.out), (nlohmann::json{{"codes", nlohmann::json::array()}}));
}

TEST(KioskctlScan, MissingDeviceAndBadSpecAreReportedAsErrors)
{
    auto missing = kioskctl("scan --device serial:/dev/ttyACM-none --timeout 1 --json");
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_EQ(nlohmann::json::parse(missing.out)["error"]["code"], "hal:1") << missing.out;
    auto bad = kioskctl("scan --device printer:/dev/usb/lp0 --json");
    EXPECT_EQ(bad.exitCode, 2);
}

TEST(KioskctlScan, SerialScannerOnAPtyOneLinePerDistinctCode)
{
    test_support::PtyPair pty;
    std::atomic<bool> done = false;
    // The scanner sends the same code again and again, as a citizen holding it there would;
    // kioskctl discards what came before it opened the port, so keep sending.
    std::thread scanner([&] {
        while (!done) {
            pty.send("]Q1https://zwfw.example.gov.cn/n/1\r\n");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    const auto run =
        kioskctl("scan --device serial:" + pty.devicePath() + " --timeout 2 --all --json");
    done = true;
    scanner.join();
    ASSERT_EQ(run.exitCode, 0) << run.out;
    const auto result = nlohmann::json::parse(run.out);
    ASSERT_EQ(result["codes"].size(), 1u) << run.out;
    EXPECT_EQ(result["codes"][0]["format"], "QRCode");
    EXPECT_EQ(result["codes"][0]["kind"], "url");
}

TEST(KioskctlScan, HostileSerialCodeIsRefusedWithoutEchoingIt)
{
    test_support::PtyPair pty;
    std::atomic<bool> done = false;
    std::thread scanner([&] {
        while (!done) {
            pty.send(std::string("SECRET\x1b[2J\xff\r\n"));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    const auto run = kioskctl("scan --device serial:" + pty.devicePath() + " --timeout 3 --json");
    done = true;
    scanner.join();
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_EQ(run.out.find("SECRET"), std::string::npos) << run.out;
    EXPECT_EQ(nlohmann::json::parse(run.out)["codes"][0]["kind"], "refused");
}
