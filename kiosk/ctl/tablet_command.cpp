// SPDX-License-Identifier: Apache-2.0
// kioskctl tablet: show a test prompt on a review tablet and print the answer, or check the
// link and what the tablet says it is. For technicians, with the kiosk service stopped.
#include "drivers/review_tablet/link_review_tablet.h"
#include "hal/errc.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <condition_variable>
#include <iostream>
#include <mutex>

namespace kiosk::ctl {

namespace {

using namespace std::chrono_literals;

struct TabletOptions {
    std::string device;
    double timeoutSeconds = 60;
    bool json = false;
};

/// How long a connected tablet has to send its hello before the status is printed without it.
constexpr auto kHelloWait = 2s;

std::string tabletHint(const base::Error& error)
{
    if (error.code == hal::errc::no_device)
        return "; check the cable or the network, the device spec (ls -l /dev/serial/by-id/, or "
               "the tablet's IP address and port), and that the tablet is switched on (see "
               "README, Hardware: review tablet)";
    if (error.code == base::errc::io || error.code == std::errc::permission_denied ||
        error.code == std::errc::device_or_resource_busy)
        return "; permission denied or the port is busy: add the kiosk user to dialout and stop "
               "the kiosk service (see README, Hardware: review tablet)";
    return "";
}

int fail(const base::Error& error, const TabletOptions& options, int exitCode = Failed)
{
    return printError(base::Error{error.code, error.message + tabletHint(error)}, options.json,
                      exitCode);
}

nlohmann::json keysJson(const hal::TabletInfo& info)
{
    if (info.input == hal::TabletInput::Touch)
        return "touch";
    if (info.input == hal::TabletInput::Keys)
        return info.keys;
    return nullptr;
}

nlohmann::json orNull(const std::string& text)
{
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

base::Result<std::unique_ptr<drivers::review_tablet::LinkReviewTablet>>
openTablet(const TabletOptions& options)
{
    auto tablet = drivers::review_tablet::makeReviewTablet(options.device);
    if (!tablet)
        return base::fail(tablet.error());
    if (auto opened = (*tablet)->open(); !opened)
        return base::fail(opened.error());
    return tablet;
}

/// Waits (a bounded time) for the hello that follows the connection.
void awaitHello(hal::ReviewTablet& tablet)
{
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    const auto deadline = base::systemClock().deadlineIn(kHelloWait);
    while (tablet.info().input == hal::TabletInput::Unknown &&
           base::systemClock().steadyNow() < deadline)
        (void)base::systemClock().waitFor(lock, wake, 20ms, {}, [] { return false; });
}

/// The outcome of one request, handed from the driver's thread to this one.
class OutcomeWait {
public:
    explicit OutcomeWait(hal::ReviewTablet& tablet)
        : connection_(tablet.outcome.connect([this](const hal::RatingOutcome& outcome) {
              {
                  std::lock_guard lock(mutex_);
                  outcome_ = outcome;
              }
              wake_.notify_all();
          }))
    {
    }
    std::optional<hal::RatingOutcome> await(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(mutex_);
        (void)base::systemClock().waitFor(lock, wake_, timeout, {},
                                          [this] { return outcome_.has_value(); });
        return outcome_;
    }

private:
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::optional<hal::RatingOutcome> outcome_;
    base::Connection connection_; ///< last: disconnected before the rest goes
};

hal::RatingRequest testRequest(std::chrono::seconds timeout)
{
    // Test reasons, so that a touch tablet can complete a bad rating too.
    return {"好差评评价器测试", "TEST", {{"T01", "测试原因一"}, {"T02", "测试原因二"}}, timeout};
}

int runTest(const TabletOptions& options)
{
    if (options.timeoutSeconds <= 0 || options.timeoutSeconds > 3600)
        return fail(base::Error{make_error_code(base::errc::invalid_argument),
                                "--timeout must be 1 to 3600 seconds"},
                    options, BadUsage);
    auto tablet = openTablet(options);
    if (!tablet)
        return fail(tablet.error(), options,
                    tablet.error().code == base::errc::invalid_argument ? BadUsage : Failed);
    awaitHello(**tablet);
    OutcomeWait wait(**tablet);
    const auto timeout = std::chrono::seconds(static_cast<long>(options.timeoutSeconds));
    auto id = (*tablet)->show(testRequest(timeout));
    if (!id)
        return fail(id.error(), options);
    if (!options.json && stderrIsTerminal())
        std::cerr << "Rate on the tablet...\n";
    // The driver ends the request itself a few seconds after the tablet's own timeout.
    auto outcome = wait.await(timeout + 10s);
    if (!outcome)
        (*tablet)->cancel(*id);
    (*tablet)->idle();
    (*tablet)->close(); // sends what is queued (cancel, idle) before the link goes
    if (!outcome || outcome->kind == hal::RatingOutcomeKind::TimedOut) {
        return fail(
            base::Error{make_error_code(hal::errc::timeout),
                        "no rating on the tablet within " + std::to_string(timeout.count()) + " s"},
            options);
    }
    if (outcome->kind == hal::RatingOutcomeKind::Failed)
        return fail(outcome->error, options);
    // Rated, or ReasonRequired (a key evaluator's 1 or 2: the kiosk asks reasons itself).
    const nlohmann::json report{{"level", outcome->rating.level},
                                {"reasons", outcome->rating.reasons},
                                {"model", orNull((*tablet)->info().model)}};
    if (options.json)
        printJson(report);
    else
        std::cout << "level " << outcome->rating.level << ", reasons " << report["reasons"].dump()
                  << "\n";
    return Ok;
}

int runStatus(const TabletOptions& options)
{
    auto tablet = openTablet(options);
    if (!tablet)
        return fail(tablet.error(), options,
                    tablet.error().code == base::errc::invalid_argument ? BadUsage : Failed);
    awaitHello(**tablet);
    const auto status = (*tablet)->status();
    const auto info = (*tablet)->info();
    const nlohmann::json report{{"device", options.device},
                                {"backend", status.backend},
                                {"model", orNull(info.model)},
                                {"firmware", orNull(info.firmware)},
                                {"keys", keysJson(info)},
                                {"hello", info.input != hal::TabletInput::Unknown},
                                {"state", hal::toString(status.state)},
                                {"health", hal::toString(status.health)},
                                {"detail", status.detail}};
    if (options.json) {
        printJson(report);
    } else {
        std::cout << "tablet  " << options.device << " (" << status.backend << ")\n"
                  << "model   " << (info.model.empty() ? "(no hello)" : info.model) << " "
                  << info.firmware << "\n"
                  << "keys    " << keysJson(info).dump() << "\n"
                  << "state   " << hal::toString(status.state) << "\n";
    }
    return Ok;
}

void addCommonOptions(CLI::App& command, TabletOptions& options)
{
    command.add_option("--device", options.device, "serial:/dev/ttyACM2 or tcp:HOST:PORT")
        ->required();
    command.add_flag("--json", options.json, "Print JSON");
}

} // namespace

void addTabletCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<TabletOptions>();
    auto* tablet = app.add_subcommand("tablet", "Check the review tablet (好差评评价器)");
    tablet->require_subcommand(1);

    auto* test = tablet->add_subcommand("test", "Show a test prompt and print the rating");
    addCommonOptions(*test, *options);
    test->add_option("--timeout", options->timeoutSeconds, "Seconds the prompt stays")
        ->capture_default_str();
    test->callback([options, &exitCode] { exitCode = runTest(*options); });

    auto* status = tablet->add_subcommand("status", "Connect and print what the tablet says");
    addCommonOptions(*status, *options);
    status->callback([options, &exitCode] { exitCode = runStatus(*options); });
}

} // namespace kiosk::ctl
