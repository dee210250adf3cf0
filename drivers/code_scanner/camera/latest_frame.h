// SPDX-License-Identifier: Apache-2.0
// drivers::LatestFrame: the single-slot mailbox between the capture thread and the decoder.
// A new frame replaces one not yet taken, so decoding always works on the newest picture and
// never builds a backlog when it is slower than the camera.
#pragma once

#include "base/result.h"

#include "drivers/transport/image_codec.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace drivers {

class LatestFrame {
public:
    using Clock = std::chrono::steady_clock;

    enum class Status { Frame, Timeout, Ended, Failed };
    struct Taken {
        Status status = Status::Timeout;
        Image frame;                      ///< with Status::Frame
        std::optional<base::Error> error; ///< with Status::Failed
    };

    /// Capture side: offers a frame; an untaken older one is dropped.
    void put(Image frame)
    {
        {
            std::lock_guard lock(mutex_);
            if (!frame_.empty())
                ++dropped_;
            frame_ = std::move(frame);
        }
        changed_.notify_all();
    }
    /// Capture side: the source has no more frames (end of a video file).
    void end()
    {
        {
            std::lock_guard lock(mutex_);
            ended_ = true;
        }
        changed_.notify_all();
    }
    /// Capture side: the source failed.
    void fail(base::Error error)
    {
        {
            std::lock_guard lock(mutex_);
            error_ = std::move(error);
        }
        changed_.notify_all();
    }

    /// Decoder side: the newest frame, waiting until `deadline` for one.
    Taken take(Clock::time_point deadline)
    {
        std::unique_lock lock(mutex_);
        changed_.wait_until(lock, deadline, [&] { return !frame_.empty() || ended_ || error_; });
        Taken taken;
        if (!frame_.empty()) {
            taken.status = Status::Frame;
            taken.frame = std::move(frame_);
            frame_ = Image();
        } else if (error_) {
            taken.status = Status::Failed;
            taken.error = error_;
        } else if (ended_) {
            taken.status = Status::Ended;
        }
        return taken;
    }

    /// Frames replaced before the decoder took them.
    [[nodiscard]] long dropped() const
    {
        std::lock_guard lock(mutex_);
        return dropped_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    Image frame_;
    bool ended_ = false;
    std::optional<base::Error> error_;
    long dropped_ = 0;
};

} // namespace drivers
