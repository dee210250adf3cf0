// SPDX-License-Identifier: Apache-2.0
// kioskctl camera capture: one still from the document camera into a file the technician
// names, to check focus, framing and light without the UI.
#include "drivers/registry.h"
#include "hal/errc.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace kiosk::ctl {

namespace {

struct CameraOptions {
    std::string device;
    std::string out;
    bool json = false;
};

/// Writes the still readable by its owner only: it may show a citizen's document.
base::Result<void> writePrivateFile(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return base::fail(base::fromErrno("cannot write " + path, errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            return base::fail(base::fromErrno("cannot write " + path, error));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0)
        return base::fail(base::fromErrno("cannot write " + path, errno));
    return {};
}

/// What a technician should check, by error.
std::string cameraHint(const base::Error& error)
{
    if (error.code == hal::errc::no_device)
        return "; check the cable and the spec (v4l2-ctl --list-devices), and that the kiosk "
               "user is in the video group";
    if (error.code == hal::errc::device_fault)
        return "; another program may hold the camera (stop the kiosk first), or the image file "
               "is not an image";
    return "";
}

int runCapture(const CameraOptions& options)
{
    auto camera = drivers::createDocumentCamera(options.device);
    if (!camera)
        return printError(camera.error(), options.json, BadUsage);
    if (!*camera)
        return printError({make_error_code(base::errc::invalid_argument),
                           "--device needs fake, camera:/dev/videoN or image:FILE"},
                          options.json, BadUsage);
    if (auto opened = (*camera)->open(); !opened)
        return printError(
            {opened.error().code, opened.error().message + cameraHint(opened.error())},
            options.json);
    auto photo = (*camera)->capture();
    (*camera)->close();
    if (!photo)
        return printError({photo.error().code, photo.error().message + cameraHint(photo.error())},
                          options.json);
    if (auto written = writePrivateFile(options.out, photo->bytes()); !written)
        return printError(written.error(), options.json);
    if (options.json)
        printJson({{"file", options.out},
                   {"width", photo->width()},
                   {"height", photo->height()},
                   {"bytes", photo->bytes().size()}});
    else
        std::cout << options.out << "  " << photo->width() << "x" << photo->height() << "  "
                  << photo->bytes().size() << " bytes\n";
    return Ok;
}

} // namespace

void addCameraCommand(CLI::App& app, int& exitCode)
{
    auto* camera = app.add_subcommand("camera", "Check the document camera");
    camera->require_subcommand(1);
    auto options = std::make_shared<CameraOptions>();
    auto* capture =
        camera->add_subcommand("capture", "Take one still and write it as JPEG (mode 0600)");
    capture->add_option("--device", options->device, "fake | camera:/dev/videoN | image:FILE")
        ->required();
    capture->add_option("--out", options->out, "The JPEG file to write")->required();
    capture->add_flag("--json", options->json, "Print JSON");
    capture->callback([options, &exitCode] { exitCode = runCapture(*options); });
}

} // namespace kiosk::ctl
