// SPDX-License-Identifier: Apache-2.0
// Modelled on tests/support/idcard_sim/usb_reader_sim.cpp (the ID card reader's emulation).
#include "tests/support/escpos_sim/usb_printer_sim.h"

#include <umockdev.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <mutex>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace test_support {

namespace {

/// Device, configuration, interface (class 7 printer, subclass 1, protocol 2 bidirectional)
/// and two bulk endpoints of 64-byte packets, as hex.
std::string descriptors(std::uint16_t vendor, std::uint16_t product)
{
    char device[64];
    std::snprintf(device, sizeof device, "12011001000000%02x%02x%02x%02x%02x000100000001", 64,
                  vendor & 0xFF, vendor >> 8, product & 0xFF, product >> 8);
    return std::string(device) + "09022000010100800f"
                                 "090400000207010200"
                                 "07050102400000"  // OUT 01
                                 "07058202400000"; // IN 82
}

} // namespace

struct UsbPrinterSimulator::State {
    std::mutex mutex;
    EscPosPrinterModel* model = nullptr;
    bool unplugged = false;
    std::size_t submitted = 0;
    std::deque<std::uint8_t> in;          ///< answers waiting for an IN URB
    std::vector<UMockdevIoctlData*> done; ///< OUT URBs ready to reap
    std::vector<UMockdevIoctlData*> pendingIn;
};

namespace {

using State = UsbPrinterSimulator::State;

void complete(UMockdevIoctlClient* client, int result, int error)
{
    umockdev_ioctl_client_complete(client, result, error);
}

gboolean submit(State& state, UMockdevIoctlClient* client, UMockdevIoctlData* arg)
{
    UMockdevIoctlData* urbData = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
    auto* urb = reinterpret_cast<usbdevfs_urb*>(urbData->data);
    if (state.unplugged) {
        umockdev_ioctl_data_unref(urbData);
        complete(client, -1, ENODEV);
        return TRUE;
    }
    ++state.submitted;
    if ((urb->endpoint & 0x80) == 0) {
        UMockdevIoctlData* buffer =
            umockdev_ioctl_data_resolve(urbData, offsetof(usbdevfs_urb, buffer),
                                        static_cast<gsize>(urb->buffer_length), nullptr);
        const auto answers =
            state.model->feed(std::span(reinterpret_cast<const std::uint8_t*>(buffer->data),
                                        static_cast<std::size_t>(urb->buffer_length)));
        umockdev_ioctl_data_unref(buffer);
        state.in.insert(state.in.end(), answers.begin(), answers.end());
        if (state.model->takeDisconnect()) { // the cable goes in the middle of this transfer
            state.unplugged = true;
            umockdev_ioctl_data_unref(urbData);
            complete(client, -1, ENODEV);
            return TRUE;
        }
        urb->actual_length = urb->buffer_length;
        urb->status = 0;
        state.done.push_back(urbData);
    } else {
        state.pendingIn.push_back(urbData);
    }
    complete(client, 0, 0);
    return TRUE;
}

void handBack(UMockdevIoctlClient* client, UMockdevIoctlData* arg, UMockdevIoctlData* urbData)
{
    UMockdevIoctlData* pointer = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), nullptr);
    umockdev_ioctl_data_set_ptr(pointer, 0, urbData);
    umockdev_ioctl_data_unref(pointer);
    umockdev_ioctl_data_unref(urbData);
    complete(client, 0, 0);
}

gboolean reap(State& state, UMockdevIoctlClient* client, UMockdevIoctlData* arg)
{
    if (!state.done.empty()) {
        auto* urbData = state.done.front();
        state.done.erase(state.done.begin());
        handBack(client, arg, urbData);
        return TRUE;
    }
    if (state.unplugged && !state.pendingIn.empty()) {
        auto* urbData = state.pendingIn.front();
        state.pendingIn.erase(state.pendingIn.begin());
        reinterpret_cast<usbdevfs_urb*>(urbData->data)->status = -ENODEV;
        handBack(client, arg, urbData);
        return TRUE;
    }
    if (state.unplugged) {
        complete(client, -1, ENODEV);
        return TRUE;
    }
    if (!state.pendingIn.empty() && !state.in.empty()) {
        auto* urbData = state.pendingIn.front();
        auto* urb = reinterpret_cast<usbdevfs_urb*>(urbData->data);
        const auto size = std::min(state.in.size(), static_cast<std::size_t>(urb->buffer_length));
        UMockdevIoctlData* buffer =
            umockdev_ioctl_data_resolve(urbData, offsetof(usbdevfs_urb, buffer),
                                        static_cast<gsize>(urb->buffer_length), nullptr);
        std::copy_n(state.in.begin(), size, buffer->data);
        state.in.erase(state.in.begin(), state.in.begin() + static_cast<long>(size));
        umockdev_ioctl_data_unref(buffer);
        urb->actual_length = static_cast<int>(size);
        urb->status = 0;
        state.pendingIn.erase(state.pendingIn.begin());
        handBack(client, arg, urbData);
        return TRUE;
    }
    complete(client, -1, EAGAIN);
    return TRUE;
}

gboolean discard(State& state, UMockdevIoctlClient* client, UMockdevIoctlData* arg)
{
    const auto address = reinterpret_cast<gulong>(*reinterpret_cast<void**>(arg->data));
    for (auto it = state.pendingIn.begin(); it != state.pendingIn.end(); ++it) {
        if ((*it)->client_addr != address)
            continue;
        reinterpret_cast<usbdevfs_urb*>((*it)->data)->status = -ENOENT;
        state.done.push_back(*it);
        state.pendingIn.erase(it);
        complete(client, 0, 0);
        return TRUE;
    }
    complete(client, -1, EINVAL);
    return TRUE;
}

gboolean handleIoctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer data)
{
    auto& state = **static_cast<std::shared_ptr<State>*>(data);
    std::lock_guard lock(state.mutex);
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
    switch (umockdev_ioctl_client_get_request(client)) {
    case USBDEVFS_GET_CAPABILITIES: {
        UMockdevIoctlData* caps = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), nullptr);
        *reinterpret_cast<guint32*>(caps->data) =
            USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
            USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
        umockdev_ioctl_data_unref(caps);
        complete(client, 0, 0);
        return TRUE;
    }
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE:
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESET:
    case USBDEVFS_RESETEP:
    case USBDEVFS_DISCONNECT_CLAIM:
        complete(client, state.unplugged ? -1 : 0, state.unplugged ? ENODEV : 0);
        return TRUE;
    case USBDEVFS_GETDRIVER:
        complete(client, -1, ENODATA); // usblp is not bound in the testbed
        return TRUE;
    case USBDEVFS_SUBMITURB:
        return submit(state, client, arg);
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY:
        return reap(state, client, arg);
    case USBDEVFS_DISCARDURB:
        return discard(state, client, arg);
    default:
        return FALSE;
    }
}

struct Testbed {
    UMockdevTestbed* testbed = nullptr;
    UMockdevIoctlBase* handler = nullptr;
    std::shared_ptr<State>* handlerState = nullptr;
};

Testbed& testbed()
{
    // One testbed per process: umockdev redirects /sys and /dev for the whole process.
    static Testbed instance;
    if (instance.testbed == nullptr)
        instance.testbed = umockdev_testbed_new();
    return instance;
}

} // namespace

void reexecPrinterTestUnderUmockdev(int argc, char** argv)
{
    const char* preload = std::getenv("LD_PRELOAD");
    if (preload != nullptr && std::strstr(preload, "libumockdev-preload") != nullptr)
        return;
    char self[4096] = {};
    if (::readlink("/proc/self/exe", self, sizeof self - 1) <= 0)
        std::snprintf(self, sizeof self, "%s", argv[0]);
    std::vector<char*> arguments{const_cast<char*>("umockdev-wrapper"), self};
    for (int i = 1; i < argc; ++i)
        arguments.push_back(argv[i]);
    arguments.push_back(nullptr);
    ::execvp("umockdev-wrapper", arguments.data());
    std::perror("umockdev-wrapper (package umockdev) could not be started");
    std::exit(1);
}

UsbPrinterSimulator::UsbPrinterSimulator(std::uint16_t vendorId, std::uint16_t productId)
    : vendorId_(vendorId), productId_(productId), state_(std::make_shared<State>())
{
    state_->model = &model_;
    add();
}

UsbPrinterSimulator::~UsbPrinterSimulator()
{
    unplug();
    auto& bed = testbed();
    if (bed.handler != nullptr) {
        g_object_unref(bed.handler);
        bed.handler = nullptr;
    }
    delete bed.handlerState;
    bed.handlerState = nullptr;
}

std::string UsbPrinterSimulator::spec() const
{
    char text[32];
    std::snprintf(text, sizeof text, "usb:%04x:%04x", vendorId_, productId_);
    return text;
}

void UsbPrinterSimulator::add()
{
    auto& bed = testbed();
    ++devnum_;
    char node[64];
    std::snprintf(node, sizeof node, "/dev/bus/usb/001/%03d", devnum_);
    if (bed.handler == nullptr) {
        bed.handler = umockdev_ioctl_base_new();
        bed.handlerState = new std::shared_ptr<State>(state_);
        g_signal_connect(bed.handler, "handle-ioctl", G_CALLBACK(handleIoctl), bed.handlerState);
    }
    {
        std::lock_guard lock(state_->mutex);
        state_->unplugged = false;
        state_->in.clear();
    }
    // Attach before adding (umockdev issue #173: adding first races with the handler).
    if (!umockdev_testbed_attach_ioctl(bed.testbed, node, bed.handler, nullptr))
        throw std::runtime_error("umockdev: cannot attach the ioctl handler");
    char description[1024];
    std::snprintf(description, sizeof description,
                  "P: /devices/pci0000:00/usb1/1-%d\nN: bus/usb/001/%03d\nE: SUBSYSTEM=usb\n"
                  "E: DEVTYPE=usb_device\nE: DRIVER=usb\nE: BUSNUM=001\nE: DEVNUM=%03d\n"
                  "E: DEVNAME=%s\nA: busnum=1\\n\nA: devnum=%d\\n\nA: speed=12\\n\n"
                  "A: bConfigurationValue=1\\n\nH: descriptors=%s\n",
                  devnum_, devnum_, devnum_, node, devnum_,
                  descriptors(vendorId_, productId_).c_str());
    GError* error = nullptr;
    if (!umockdev_testbed_add_from_string(bed.testbed, description, &error)) {
        const std::string message = error != nullptr ? error->message : "unknown";
        g_clear_error(&error);
        throw std::runtime_error("umockdev: cannot add the printer: " + message);
    }
    char syspath[128];
    std::snprintf(syspath, sizeof syspath, "/sys/devices/pci0000:00/usb1/1-%d", devnum_);
    syspath_ = syspath;
}

void UsbPrinterSimulator::unplug()
{
    if (syspath_.empty())
        return;
    auto& bed = testbed();
    {
        std::lock_guard lock(state_->mutex);
        state_->unplugged = true;
    }
    umockdev_testbed_uevent(bed.testbed, syspath_.c_str(), "remove");
    umockdev_testbed_remove_device(bed.testbed, syspath_.c_str());
    char node[64];
    std::snprintf(node, sizeof node, "/dev/bus/usb/001/%03d", devnum_);
    umockdev_testbed_detach_ioctl(bed.testbed, node, nullptr);
    syspath_.clear();
}

void UsbPrinterSimulator::plug()
{
    if (syspath_.empty())
        add();
}

std::size_t UsbPrinterSimulator::urbsSubmitted() const
{
    std::lock_guard lock(state_->mutex);
    return state_->submitted;
}

} // namespace test_support
