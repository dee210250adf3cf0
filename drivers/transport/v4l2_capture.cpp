// SPDX-License-Identifier: Apache-2.0
// drivers::V4l2Capture: v4l2_open, VIDIOC_S_FMT (libv4l2 converts to the asked format),
// VIDIOC_REQBUFS + v4l2_mmap, then poll() and VIDIOC_DQBUF / VIDIOC_QBUF per frame.
#include "drivers/transport/v4l2_capture.h"

#include "drivers/transport/hotplug_monitor.h"
#include "hal/errc.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace drivers {

namespace {

/// Retries an ioctl the kernel interrupted (a signal), as every V4L2 client must.
int xioctl(int fd, unsigned long request, void* argument)
{
    int result = 0;
    do
        result = v4l2_ioctl(fd, request, argument);
    while (result == -1 && errno == EINTR);
    return result;
}

std::uint32_t fourccOf(CapturePixels pixels)
{
    return pixels == CapturePixels::Rgb24 ? V4L2_PIX_FMT_RGB24 : V4L2_PIX_FMT_YUV420;
}

std::string fourccName(std::uint32_t fourcc)
{
    std::string name(4, ' ');
    for (int i = 0; i < 4; ++i)
        name[static_cast<std::size_t>(i)] = static_cast<char>((fourcc >> (8 * i)) & 0xff);
    return name;
}

} // namespace

base::Error V4l2Capture::failure(int error, const std::string& what) const
{
    // ENODEV is what V4L2 answers once a USB camera is unplugged; a vanished node says the same.
    if (error == ENODEV || error == ENOENT || error == ENXIO || !pathPresent(path_))
        return base::Error{make_error_code(hal::errc::no_device),
                           "camera " + path_ + ": gone (" + what + ")"};
    return base::Error{make_error_code(hal::errc::device_fault),
                       "camera " + path_ + ": " + what + ": " + std::strerror(error)};
}

base::Result<std::unique_ptr<V4l2Capture>> V4l2Capture::open(const std::string& path,
                                                             const CaptureRequest& request)
{
    // The node is opened and asked what it is with plain calls first: v4l2_open on something
    // that is no V4L2 device only prints libv4l2's complaint to stderr.
    const int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENODEV || error == ENXIO)
            return base::fail(hal::errc::no_device, "camera " + path + ": not found");
        return base::fail(hal::errc::device_fault,
                          "camera " + path + ": cannot open: " + std::strerror(error) +
                              (error == EBUSY ? " (another program holds it)" : ""));
    }
    v4l2_capability caps{};
    int queried = 0;
    do
        queried = ::ioctl(fd, VIDIOC_QUERYCAP, &caps);
    while (queried == -1 && errno == EINTR);
    if (queried != 0) {
        const int error = errno;
        ::close(fd);
        if (error == ENODEV)
            return base::fail(hal::errc::no_device, "camera " + path + ": gone");
        return base::fail(hal::errc::device_fault, "camera " + path + ": not a V4L2 device");
    }
    // From here libv4l2 owns the descriptor (v4l2_close closes it) and converts formats.
    if (v4l2_fd_open(fd, 0) < 0) {
        const int error = errno;
        ::close(fd);
        return base::fail(hal::errc::device_fault,
                          "camera " + path + ": libv4l2 refused it: " + std::strerror(error));
    }
    std::unique_ptr<V4l2Capture> capture(new V4l2Capture(path, fd));
    if (auto agreed = capture->negotiate(request); !agreed)
        return base::fail(agreed.error());
    if (auto started = capture->startStreaming(request.buffers); !started)
        return base::fail(started.error());
    return capture;
}

base::Result<void> V4l2Capture::negotiate(const CaptureRequest& request)
{
    v4l2_capability caps{};
    if (xioctl(fd_, VIDIOC_QUERYCAP, &caps) != 0) {
        const int error = errno;
        if (error == ENOTTY || error == EINVAL)
            return base::fail(hal::errc::device_fault, "camera " + path_ + ": not a V4L2 device");
        return base::fail(failure(error, "VIDIOC_QUERYCAP"));
    }
    // A multi-function device (vivid, some UVC bridges) lists everything in capabilities;
    // what this node does is in device_caps.
    const auto nodeCaps =
        (caps.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? caps.device_caps : caps.capabilities;
    if ((nodeCaps & V4L2_CAP_VIDEO_CAPTURE) == 0)
        return base::fail(hal::errc::device_fault,
                          "camera " + path_ + ": not a video capture device (" +
                              reinterpret_cast<const char*>(caps.card) + ")");
    if ((nodeCaps & V4L2_CAP_STREAMING) == 0)
        return base::fail(hal::errc::device_fault,
                          "camera " + path_ + ": the device cannot stream (no mmap I/O)");

    v4l2_format format{};
    format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    format.fmt.pix.width = static_cast<std::uint32_t>(request.width);
    format.fmt.pix.height = static_cast<std::uint32_t>(request.height);
    format.fmt.pix.pixelformat = fourccOf(request.pixels);
    format.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(fd_, VIDIOC_S_FMT, &format) != 0)
        return base::fail(
            failure(errno, "format " + fourccName(fourccOf(request.pixels)) + " refused"));
    // libv4l2 converts from any format it knows; one it cannot produce comes back changed.
    if (format.fmt.pix.pixelformat != fourccOf(request.pixels))
        return base::fail(hal::errc::device_fault,
                          "camera " + path_ + ": format " + fourccName(fourccOf(request.pixels)) +
                              " refused (the camera offers " +
                              fourccName(format.fmt.pix.pixelformat) + ")");
    format_.pixels = request.pixels;
    format_.width = static_cast<int>(format.fmt.pix.width);
    format_.height = static_cast<int>(format.fmt.pix.height);
    const int minimumLine =
        request.pixels == CapturePixels::Rgb24 ? 3 * format_.width : format_.width;
    format_.bytesPerLine = std::max(minimumLine, static_cast<int>(format.fmt.pix.bytesperline));
    format_.fourcc = fourccName(format.fmt.pix.pixelformat);
    if (format_.width <= 0 || format_.height <= 0)
        return base::fail(hal::errc::device_fault, "camera " + path_ + ": no frame size agreed");
    return {};
}

base::Result<void> V4l2Capture::startStreaming(int buffers)
{
    v4l2_requestbuffers request{};
    request.count = static_cast<std::uint32_t>(std::max(1, buffers));
    request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    request.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_REQBUFS, &request) != 0)
        return base::fail(failure(errno, "VIDIOC_REQBUFS"));
    if (request.count == 0)
        return base::fail(hal::errc::device_fault, "camera " + path_ + ": no capture buffers");
    for (std::uint32_t i = 0; i < request.count; ++i) {
        v4l2_buffer buffer{};
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer.memory = V4L2_MEMORY_MMAP;
        buffer.index = i;
        if (xioctl(fd_, VIDIOC_QUERYBUF, &buffer) != 0)
            return base::fail(failure(errno, "VIDIOC_QUERYBUF"));
        void* start = v4l2_mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_,
                                buffer.m.offset);
        if (start == MAP_FAILED)
            return base::fail(failure(errno, "mmap"));
        buffers_.push_back({start, buffer.length});
        if (xioctl(fd_, VIDIOC_QBUF, &buffer) != 0)
            return base::fail(failure(errno, "VIDIOC_QBUF"));
    }
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_STREAMON, &type) != 0)
        return base::fail(failure(errno, "VIDIOC_STREAMON"));
    streaming_ = true;
    return {};
}

V4l2Capture::~V4l2Capture()
{
    if (streaming_) {
        int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(fd_, VIDIOC_STREAMOFF, &type);
    }
    for (const auto& mapping : buffers_)
        v4l2_munmap(mapping.start, mapping.length);
    if (fd_ >= 0)
        v4l2_close(fd_);
}

base::Result<void>
V4l2Capture::read(std::chrono::milliseconds timeout,
                  const std::function<void(std::span<const std::uint8_t>)>& consume)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        v4l2_buffer buffer{};
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer.memory = V4L2_MEMORY_MMAP;
        if (xioctl(fd_, VIDIOC_DQBUF, &buffer) == 0) {
            if (buffer.index >= buffers_.size())
                return base::fail(hal::errc::device_fault,
                                  "camera " + path_ + ": driver returned an unknown buffer");
            const auto& mapping = buffers_[buffer.index];
            const bool broken = (buffer.flags & V4L2_BUF_FLAG_ERROR) != 0;
            if (!broken)
                consume({static_cast<const std::uint8_t*>(mapping.start),
                         std::min<std::size_t>(buffer.bytesused, mapping.length)});
            if (xioctl(fd_, VIDIOC_QBUF, &buffer) != 0)
                return base::fail(failure(errno, "VIDIOC_QBUF"));
            if (!broken)
                return {};
            continue; // a damaged frame (USB hiccup): wait for the next one
        }
        if (errno != EAGAIN)
            return base::fail(failure(errno, "VIDIOC_DQBUF"));
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return base::fail(hal::errc::timeout, "camera " + path_ + ": no frame within " +
                                                      std::to_string(timeout.count()) + " ms");
        pollfd wait{fd_, POLLIN, 0};
        const int ready = ::poll(&wait, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR)
            return base::fail(failure(errno, "poll"));
        if (ready > 0 && (wait.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 &&
            (wait.revents & POLLIN) == 0) {
            // An unplugged camera wakes poll with an error (DQBUF above then says ENODEV,
            // but a node already gone answers nothing more).
            if (!pathPresent(path_))
                return base::fail(failure(ENODEV, "poll"));
            return base::fail(failure(EIO, "the camera stopped streaming"));
        }
    }
}

} // namespace drivers
