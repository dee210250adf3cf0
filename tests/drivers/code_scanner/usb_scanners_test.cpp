// SPDX-License-Identifier: Apache-2.0
// The USB scanner backends beyond the contract: line assembly and AIM identifiers, the US
// keymap, wedge streams (recorded input_events, partial reads, shift, repeats, terminators),
// and the serial line over a real pty pair.
#include "base/manual_clock.h"
#include "drivers/code_scanner/code_line.h"
#include "drivers/code_scanner/evdev/evdev_code_scanner.h"
#include "drivers/code_scanner/evdev/us_keymap.h"
#include "drivers/code_scanner/serial/serial_code_scanner.h"
#include "hal/device_manager.h"
#include "qr_image.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"
#include "tests/support/pty_pair.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

std::optional<std::string> feedLine(drivers::LineAssembler& assembler, const std::string& text)
{
    std::optional<std::string> line;
    for (const char c : text)
        if (auto done = assembler.add(c, c == '\r' || c == '\n'))
            line = done;
    return line;
}

} // namespace

TEST(LineAssembler, CrLfEndsOneLineAndEmptyLinesAreSkipped)
{
    drivers::LineAssembler assembler;
    EXPECT_EQ(feedLine(assembler, "ABC\r"), "ABC");
    EXPECT_EQ(feedLine(assembler, "\n"), std::nullopt);
    EXPECT_EQ(feedLine(assembler, "\r\n\r\nDEF\n"), "DEF");
}

TEST(LineAssembler, OverlongLineIsDroppedWholeAndTheNextOneIsIntact)
{
    drivers::LineAssembler assembler(8);
    EXPECT_EQ(feedLine(assembler, "123456789\r"), std::nullopt);
    EXPECT_EQ(assembler.droppedLines(), 1u);
    EXPECT_EQ(feedLine(assembler, "12345678\r"), "12345678");
}

TEST(CodeFromLine, AimIdentifierGivesTheFormatAndIsRemoved)
{
    EXPECT_EQ(drivers::codeFromLine("]Q1https://x").format, "QRCode");
    EXPECT_EQ(drivers::codeFromLine("]Q1https://x").text, "https://x");
    EXPECT_EQ(drivers::codeFromLine("]C0ABC").format, "Code128");
    EXPECT_EQ(drivers::codeFromLine("]d2ABC").format, "DataMatrix");
    const auto plain = drivers::codeFromLine("]]not aim");
    EXPECT_EQ(plain.format, "Unknown");
    EXPECT_EQ(plain.text, "]]not aim");
    EXPECT_EQ(drivers::aimPrefixFor("QRCode"), "]Q1");
}

TEST(UsKeymap, EveryPrintableAsciiCharacterRoundTrips)
{
    for (char c = 0x20; c < 0x7f; ++c) {
        const auto key = drivers::evdev::keyForChar(c);
        ASSERT_TRUE(key) << "cannot type '" << c << "'";
        EXPECT_EQ(drivers::evdev::charForKey(key->keyCode, key->shift), c);
    }
    EXPECT_FALSE(drivers::evdev::keyForChar('\xe4')) << "a wedge cannot type non-ASCII";
    EXPECT_FALSE(drivers::evdev::charForKey(KEY_LEFTCTRL, false));
}

TEST(WedgeDecoder, RecordedStreamFedInOddChunksYieldsTheTextWithShift)
{
    const std::string text = "ZWFW-RECEIPT:Ab_9?{x}";
    const auto recording = test_support::wedgeRecording(text);
    drivers::WedgeDecoder decoder(drivers::WedgeTerminator::Enter);
    std::deque<std::string> lines;
    for (std::size_t i = 0; i < recording.size(); i += 7) // partial input_events across reads
        decoder.feed(
            std::span(recording).subspan(i, std::min<std::size_t>(7, recording.size() - i)), lines);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], text);
}

TEST(WedgeDecoder, AutorepeatIsIgnoredAndTabCanTerminate)
{
    auto recording = test_support::wedgeRecording("ab", KEY_TAB);
    input_event repeat{};
    repeat.type = EV_KEY;
    repeat.code = KEY_A;
    repeat.value = 2;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(&repeat);
    recording.insert(recording.begin(), bytes, bytes + sizeof repeat);
    drivers::WedgeDecoder decoder(drivers::WedgeTerminator::Tab);
    std::deque<std::string> lines;
    decoder.feed(recording, lines);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "ab");

    drivers::WedgeDecoder enterOnly(drivers::WedgeTerminator::Enter);
    lines.clear();
    enterOnly.feed(recording, lines);
    EXPECT_TRUE(lines.empty()) << "Tab does not end a code when Enter is the terminator";
}

TEST(EvdevCodeScanner, ReadsARecordedFileAndItsEndIsNoUnplug)
{
    test_support::TempDir dir;
    const auto recording = test_support::wedgeRecording("]Q1https://zwfw.example.gov.cn/r/1");
    std::ofstream(dir.file("recording.bin"), std::ios::binary)
        .write(reinterpret_cast<const char*>(recording.data()), std::streamsize(recording.size()));
    drivers::EvdevCodeScanner scanner(dir.file("recording.bin"));
    ASSERT_TRUE(scanner.open());
    auto code = scanner.scan(1s);
    ASSERT_TRUE(code && *code) << (code ? "nothing" : code.error().message);
    EXPECT_EQ((*code)->format, "QRCode");
    EXPECT_EQ((*code)->text, "https://zwfw.example.gov.cn/r/1");
    auto nothing = scanner.scan(30ms);
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(*nothing);
    EXPECT_EQ(scanner.status().state, hal::DeviceState::Ready);
}

TEST(EvdevCodeScanner, WriterLeavingMidScanIsAnUnplug)
{
    test_support::TempDir dir;
    const auto node = dir.file("event7");
    ASSERT_EQ(::mkfifo(node.c_str(), 0600), 0);
    drivers::EvdevCodeScanner scanner(node);
    ASSERT_TRUE(scanner.open());
    const int writer = ::open(node.c_str(), O_WRONLY | O_NONBLOCK);
    ASSERT_GE(writer, 0);
    const auto half = test_support::wedgeRecording("12345");
    ASSERT_EQ(::write(writer, half.data(), half.size() / 2), ssize_t(half.size() / 2));
    ::close(writer);
    auto result = scanner.scan(1s);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::no_device);
    EXPECT_EQ(scanner.status().state, hal::DeviceState::Disconnected);
}

TEST(EvdevCodeScanner, MissingNodeIsNoDevice)
{
    drivers::EvdevCodeScanner scanner("/nonexistent/input/event99");
    auto opened = scanner.open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);
}

TEST(EvdevCodeScanner, GrabsARealInputNodeExclusively)
{
    std::string node;
    for (int i = 0; i < 32 && node.empty(); ++i) {
        const std::string path = "/dev/input/event" + std::to_string(i);
        if (::access(path.c_str(), R_OK) == 0)
            node = path;
    }
    if (node.empty())
        GTEST_SKIP() << "no readable /dev/input/event* on this machine (and no /dev/uinput to "
                        "make one): EVIOCGRAB is exercised on a kiosk with a wedge scanner";
    drivers::EvdevCodeScanner first(node);
    ASSERT_TRUE(first.open());
    drivers::EvdevCodeScanner second(node);
    auto refused = second.open();
    ASSERT_FALSE(refused) << "a grabbed node cannot be grabbed twice";
    EXPECT_EQ(refused.error().code, hal::errc::device_fault);
}

// --- serial ---------------------------------------------------------------------------------

TEST(SerialCodeScanner, CodeSplitAcrossWritesAndTwoInOneBurst)
{
    test_support::PtyPair pty;
    drivers::SerialCodeScanner scanner(pty.devicePath());
    ASSERT_TRUE(scanner.open());
    pty.send("]Q1ZWFW-REC");
    std::this_thread::sleep_for(20ms);
    pty.send("EIPT:abc\r\n]Q1second\r");
    auto first = scanner.scan(1s);
    ASSERT_TRUE(first && *first);
    EXPECT_EQ((*first)->text, "ZWFW-RECEIPT:abc");
    auto second = scanner.scan(1s);
    ASSERT_TRUE(second && *second);
    EXPECT_EQ((*second)->text, "second");
}

TEST(SerialCodeScanner, Utf8PayloadPassesUnchangedAndUnknownWithoutAim)
{
    test_support::PtyPair pty;
    drivers::SerialCodeScanner scanner(pty.devicePath());
    ASSERT_TRUE(scanner.open());
    pty.send("绵阳市涪城区\n");
    auto code = scanner.scan(1s);
    ASSERT_TRUE(code && *code);
    EXPECT_EQ((*code)->format, "Unknown");
    EXPECT_EQ((*code)->text, "绵阳市涪城区");
}

TEST(SerialCodeScanner, OverlongCodeIsDroppedAndTheNextOneArrives)
{
    test_support::PtyPair pty;
    drivers::SerialScannerOptions options;
    options.maxLength = 64;
    drivers::SerialCodeScanner scanner(pty.devicePath(), options);
    ASSERT_TRUE(scanner.open());
    pty.send(std::string(1000, 'A') + "\r\nshort\r\n");
    auto code = scanner.scan(1s);
    ASSERT_TRUE(code && *code);
    EXPECT_EQ((*code)->text, "short");
}

TEST(SerialCodeScanner, HangUpDuringScanIsNoDevice)
{
    test_support::PtyPair pty;
    drivers::SerialCodeScanner scanner(pty.devicePath());
    ASSERT_TRUE(scanner.open());
    std::thread pull([&] {
        EXPECT_TRUE(test_support::pollUntil(
            [&] { return scanner.status().state == hal::DeviceState::Busy; }));
        pty.unplug(); // while the scan waits
    });
    auto result = scanner.scan(2s);
    pull.join();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::no_device);
    EXPECT_EQ(scanner.status().state, hal::DeviceState::Disconnected);
}

TEST(SerialCodeScanner, NodeVanishingEndsALongScanPromptly)
{
    // udev removes the by-id link before the tty reports anything: the hot-plug thread
    // notices, and a scan waiting for a code ends with no_device instead of its full timeout.
    test_support::TempDir dir;
    test_support::PtyPair pty;
    const auto link = dir.file("usb-Scanner-if00");
    std::filesystem::create_symlink(pty.devicePath(), link);
    drivers::SerialScannerOptions options;
    options.hotplugInterval = 20ms;
    drivers::SerialCodeScanner scanner(link, options);
    ASSERT_TRUE(scanner.open());
    std::thread udev([&] {
        EXPECT_TRUE(test_support::pollUntil(
            [&] { return scanner.status().state == hal::DeviceState::Busy; }));
        std::filesystem::remove(link); // while the scan waits
    });
    const auto start = std::chrono::steady_clock::now();
    auto result = scanner.scan(10s);
    udev.join();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::no_device);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(SerialCodeScanner, PluggedInAfterTheKioskStartedIsPickedUp)
{
    // The scanner is absent at start; the device manager keeps trying, and the scanner
    // appears later behind its stable udev path.
    test_support::TempDir dir;
    const auto link = dir.file("usb-Scanner-if00");
    drivers::SerialScannerOptions options;
    options.hotplugInterval = 20ms;
    hal::DeviceSet devices;
    auto scanner = std::make_shared<drivers::SerialCodeScanner>(link, options);
    devices.codeScanner = scanner;
    base::ManualClock clock; // the manager's retries; the scanner's monitor keeps real time
    hal::DeviceManagerOptions managerOptions;
    managerOptions.retryInterval = 1s;
    managerOptions.clock = &clock;
    hal::DeviceManager manager(devices, managerOptions);
    std::vector<base::Error> errors;
    ASSERT_TRUE(test_support::startAndSettle(clock, [&] { errors = manager.openAll(); }));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].code, hal::errc::no_device);
    EXPECT_EQ(scanner->status().state, hal::DeviceState::Disconnected);

    test_support::PtyPair pty;
    std::filesystem::create_symlink(pty.devicePath(), link);
    EXPECT_EQ(scanner->status().state, hal::DeviceState::Disconnected) << "before the retry";
    ASSERT_TRUE(test_support::advanceAndSettle(clock, managerOptions.retryInterval));
    ASSERT_EQ(scanner->status().state, hal::DeviceState::Ready) << scanner->status().detail;
    pty.send("]Q1ZWFW-RECEIPT-7\r\n");
    auto code = scanner->scan(1s);
    ASSERT_TRUE(code && *code) << (code ? "nothing" : code.error().message);
    EXPECT_EQ((*code)->text, "ZWFW-RECEIPT-7");

    // From now on the driver's own hot-plug thread handles unplug and replug.
    std::filesystem::remove(link);
    EXPECT_TRUE(test_support::pollUntil([&] {
        return scanner->status().state == hal::DeviceState::Disconnected;
    })) << hal::toString(scanner->status().state);
}
