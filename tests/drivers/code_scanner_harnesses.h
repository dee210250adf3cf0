// SPDX-License-Identifier: Apache-2.0
// Harnesses for the real code-scanner backends. Each plays the hardware for real: the camera
// sees image or video files, the serial scanner talks over a pty pair, the wedge scanner's
// input_event stream comes through a FIFO. Unplugging removes the device node (as udev does)
// and the harness waits until the driver's hot-plug monitor has noticed.
#pragma once

#include "code_scanner/qr_image.h"
#include "drivers/code_scanner/camera/camera_code_scanner.h"
#include "drivers/code_scanner/code_line.h"
#include "drivers/code_scanner/evdev/evdev_code_scanner.h"
#include "drivers/code_scanner/serial/serial_code_scanner.h"
#include "harness.h"
#include "tests/support/poll_until.h"
#include "tests/support/pty_pair.h"
#include "tests/support/temp_dir.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace contract {

using namespace std::chrono_literals;

inline constexpr std::chrono::milliseconds kHotplugPoll{10};

/// Waits until the driver reached `state` after a hot-plug event (its monitor polls the path).
inline void waitForState(hal::Device& device, hal::DeviceState state)
{
    EXPECT_TRUE(test_support::pollUntil([&] { return device.status().state == state; }))
        << "still " << hal::toString(device.status().state) << ", not " << hal::toString(state);
}

/// The camera pipeline on a still image or a short video file standing in for the camera.
class CameraFileHarness final : public CodeScannerHarness {
public:
    explicit CameraFileHarness(drivers::CameraSourceKind kind)
        : kind_(kind),
          path_(dir_.file(kind == drivers::CameraSourceKind::Image ? "camera.png" : "camera.avi"))
    {
        write(cv::Mat(480, 640, CV_8UC1, cv::Scalar(255))); // nothing in front of the camera
        drivers::CameraOptions options;
        options.hotplugInterval = kHotplugPoll;
        scanner_ = std::make_unique<drivers::CameraCodeScanner>(drivers::CameraSource{kind, path_},
                                                                options);
    }
    hal::CodeScanner& device() override { return *scanner_; }
    void showCode(const hal::ScannedCode& code) override
    {
        write(test_support::qrFrame(code.text));
    }
    void unplug() override
    {
        std::filesystem::rename(path_, path_ + ".unplugged");
        waitForState(*scanner_, hal::DeviceState::Disconnected);
    }
    void plug() override
    {
        std::filesystem::rename(path_ + ".unplugged", path_);
        waitForState(*scanner_, hal::DeviceState::Ready);
    }

private:
    /// Replaces the file atomically, so a scan never reads half of it.
    void write(const cv::Mat& gray)
    {
        const std::string staging =
            dir_.file(kind_ == drivers::CameraSourceKind::Image ? "staging.png" : "staging.avi");
        if (kind_ == drivers::CameraSourceKind::Image) {
            cv::imwrite(staging, gray);
        } else {
            cv::VideoWriter video(staging, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30.0,
                                  gray.size(), false);
            for (int i = 0; i < 10; ++i)
                video.write(gray);
        }
        std::filesystem::rename(staging, path_);
    }

    test_support::TempDir dir_;
    drivers::CameraSourceKind kind_;
    std::string path_;
    std::unique_ptr<drivers::CameraCodeScanner> scanner_;
};

/// A CDC-ACM scanner on a pty, reached through a udev-style symlink (/dev/serial/by-id/...).
class SerialScannerHarness final : public CodeScannerHarness {
public:
    SerialScannerHarness() : link_(dir_.file("usb-Scanner_ACM-if00"))
    {
        connect();
        drivers::SerialScannerOptions options;
        options.hotplugInterval = kHotplugPoll;
        scanner_ = std::make_unique<drivers::SerialCodeScanner>(link_, options);
    }
    hal::CodeScanner& device() override { return *scanner_; }
    void showCode(const hal::ScannedCode& code) override
    {
        pty_->send(drivers::aimPrefixFor(code.format) + code.text + "\r\n");
    }
    void unplug() override
    {
        pty_->unplug();
        std::filesystem::remove(link_);
        waitForState(*scanner_, hal::DeviceState::Disconnected);
    }
    void plug() override
    {
        connect();
        waitForState(*scanner_, hal::DeviceState::Ready);
    }

private:
    void connect()
    {
        pty_ = std::make_unique<test_support::PtyPair>();
        std::filesystem::create_symlink(pty_->devicePath(), link_);
    }

    test_support::TempDir dir_;
    std::string link_;
    std::unique_ptr<test_support::PtyPair> pty_;
    std::unique_ptr<drivers::SerialCodeScanner> scanner_;
};

/// A keyboard-wedge scanner whose input_event stream arrives through a FIFO at the node's
/// path (this machine has no /dev/uinput); the driver reads it like /dev/input/eventN.
class EvdevScannerHarness final : public CodeScannerHarness {
public:
    EvdevScannerHarness() : node_(dir_.file("event-scanner"))
    {
        ::mkfifo(node_.c_str(), 0600);
        drivers::EvdevScannerOptions options;
        options.hotplugInterval = kHotplugPoll;
        scanner_ = std::make_unique<drivers::EvdevCodeScanner>(node_, options);
    }
    ~EvdevScannerHarness() override { closeWriter(); }
    hal::CodeScanner& device() override { return *scanner_; }
    void showCode(const hal::ScannedCode& code) override
    {
        if (writer_ < 0) // the driver has the reading end open by now
            writer_ = ::open(node_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        const auto bytes =
            test_support::wedgeRecording(drivers::aimPrefixFor(code.format) + code.text);
        ASSERT_EQ(::write(writer_, bytes.data(), bytes.size()), ssize_t(bytes.size()));
    }
    void unplug() override
    {
        closeWriter();
        std::filesystem::remove(node_);
        waitForState(*scanner_, hal::DeviceState::Disconnected);
    }
    void plug() override
    {
        ::mkfifo(node_.c_str(), 0600);
        waitForState(*scanner_, hal::DeviceState::Ready);
    }

private:
    void closeWriter()
    {
        if (writer_ >= 0)
            ::close(writer_);
        writer_ = -1;
    }

    test_support::TempDir dir_;
    std::string node_;
    int writer_ = -1;
    std::unique_ptr<drivers::EvdevCodeScanner> scanner_;
};

} // namespace contract
