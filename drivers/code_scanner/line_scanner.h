// SPDX-License-Identifier: Apache-2.0
// drivers::LineScanner: what the USB scanners (serial, evdev) share. A device node yields
// finished code lines; the scan loop, the lines read ahead and hot-plug are handled here,
// the backend (a LineSource) only opens its node and turns what it reads into lines.
#pragma once

#include "drivers/transport/hotplug_monitor.h"
#include "hal/code_scanner.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

namespace drivers {

/// The backend half of a line scanner. LineScanner calls it with its mutex held, from the
/// scanning thread or the hot-plug thread, never both at once: a source needs no locking.
class LineSource {
public:
    virtual ~LineSource() = default;
    /// Opens the node, or reopens it after an unplug. Partial input from before is dropped:
    /// a reopened device starts a new line.
    virtual base::Result<void> open() = 0;
    virtual void close() = 0;
    /// Waits up to `timeout` for input and appends each finished line to `lines`. Called only
    /// while open. errc::no_device: the device is gone.
    virtual base::Result<void> read(std::chrono::milliseconds timeout,
                                    std::deque<std::string>& lines) = 0;
};

/// A hal::CodeScanner over a LineSource. scan() returns the oldest line read ahead, else
/// reads in short slices until a line is finished or the timeout ends. When the node
/// vanishes (seen by the hot-plug thread) or a read says the device is gone, scans return
/// no_device and the status is Disconnected until the node is back and reopened.
class LineScanner : public hal::CodeScanner {
public:
    ~LineScanner() override;

protected:
    struct Naming {
        std::string backend;  ///< "serial": messages name the scanner "serial scanner <path>"
        std::string model;    ///< for the status: "CDC-ACM scanner at <path>"
        std::string nodeKind; ///< what vanished: "device node" (<path> is gone)
    };

    LineScanner(std::string path, Naming naming, std::chrono::milliseconds hotplugInterval,
                std::unique_ptr<LineSource> source);

private:
    base::Result<void> openImpl() final;
    void closeImpl() final;
    base::Result<std::optional<hal::ScannedCode>> scanImpl(std::chrono::milliseconds timeout) final;

    base::Result<void> openSource();
    void closeSource(); ///< call with mutex_ held
    /// Reads what the source has; finished lines go to lines_. Call with mutex_ held.
    base::Result<void> readSome(std::chrono::milliseconds timeout);
    void deviceLost(const std::string& detail);
    bool reopen();

    const std::string path_;
    const std::string name_;     ///< "serial scanner /dev/ttyACM0", for messages
    const std::string nodeKind_; ///< "device node", "input node"
    const std::chrono::milliseconds hotplugInterval_;
    std::atomic<bool> lost_ = false; ///< the device went away; reopen() clears it
    std::mutex mutex_; ///< guards source_, sourceOpen_, lines_ (scan vs. hot-plug thread)
    std::unique_ptr<LineSource> source_;
    bool sourceOpen_ = false;
    std::deque<std::string> lines_;
    HotplugMonitor monitor_; ///< declared last: its worker, using all of the above, ends first
};

} // namespace drivers
