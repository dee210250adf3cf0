// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/command_line.h"

#include "kiosk/core/config.h"
#include "kiosk/core/version.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <iostream>
#include <string_view>

namespace kiosk::app {

namespace {

std::optional<int> parseSide(std::string_view text)
{
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < 100 || value > 10000)
        return std::nullopt;
    return value;
}

// QGuiApplication's command-line options (QGuiApplication's documentation, Qt 6.4), which it
// takes out of argv itself. Those in the first list take a value ("-platform offscreen" or
// "-platform=offscreen"); -qmljsdebugger takes it only after '='.
constexpr std::array<std::string_view, 9> qtOptionsWithValue{
    "platform",    "platformpluginpath", "platformtheme", "plugin",  "qwindowgeometry",
    "qwindowicon", "qwindowtitle",       "display",       "geometry"};
constexpr std::array<std::string_view, 6> qtFlags{"reverse", "session", "nograb",
                                                  "dograb",  "sync",    "qmljsdebugger"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

std::optional<std::string> qtOptionProblem(const std::vector<std::string>& rest)
{
    for (std::size_t index = 0; index < rest.size(); ++index) {
        std::string_view argument = rest[index];
        if (!argument.starts_with('-') || argument == "-" || argument == "--")
            return "unexpected argument \"" + rest[index] + "\"";
        argument.remove_prefix(argument.starts_with("--") ? 2 : 1);
        const auto equals = argument.find('=');
        const auto name = argument.substr(0, equals);
        if (contains(qtOptionsWithValue, name)) {
            if (equals == std::string_view::npos && ++index == rest.size())
                return "option " + rest[index - 1] + " needs a value";
        } else if (!contains(qtFlags, name)) {
            return "unknown option " + rest[index];
        }
    }
    return std::nullopt;
}

std::optional<WindowSize> parseWindowSize(const std::string& text)
{
    const auto x = text.find('x');
    if (x == std::string::npos)
        return std::nullopt;
    const auto width = parseSide(std::string_view(text).substr(0, x));
    const auto height = parseSide(std::string_view(text).substr(x + 1));
    if (!width || !height)
        return std::nullopt;
    return WindowSize{*width, *height};
}

std::variant<Options, EarlyExit> parseCommandLine(int argc, char** argv)
{
    CLI::App app{"kiosk: the citizen UI and runtime of a government self-service kiosk"};
    app.set_version_flag("--version", "kiosk " + std::string(core::softwareVersion()));
    // Qt's own options (-platform offscreen, ...) pass through to QGuiApplication.
    app.allow_extras();

    Options options;
    options.configFile = core::defaultConfigPath();
    std::string screenshot;
    std::string size;
    std::string demoWalk;
    app.add_option("--config", options.configFile, "configuration file (specs/config.md)")
        ->capture_default_str();
    app.add_option("--screenshot", screenshot, "save the first rendered frame as PNG, then exit");
    app.add_option("--size", size, "window size WxH, e.g. 1080x1920 (default: full screen)");
    app.add_flag("--measure-startup", options.measureStartup,
                 "print {\"firstFrameMs\",\"rssKb\"} once the first frame has rendered, then exit");
    auto* walk = app.add_option("--demo-walk", demoWalk,
                                "walk one application by itself (the demo), saving each screen "
                                "in DIR; exit 0 once completed");
    app.add_flag("--demo-walk-on-cue", options.demoWalkOnCue,
                 "with --demo-walk: applications on cues from stdin (apply, apply hold, continue, "
                 "quit), staying up between them (kiosk/app/demo_walk.h)")
        ->needs(walk);
    walk->excludes(app.get_option("--screenshot"));
    walk->excludes(app.get_option("--measure-startup"));
    auto* outOfService = app.add_flag("--out-of-service", options.outOfService,
                                      "show only the calm out-of-service page (after a crash loop; "
                                      "kiosk-out-of-service.service)");
    outOfService->excludes(walk);
    outOfService->excludes(app.get_option("--measure-startup"));
    app.footer("Qt's own options (-platform offscreen, -qwindowgeometry, ...) are passed to Qt.");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return EarlyExit{code == 0 ? 0 : exitRefused};
    }
    if (const auto problem = qtOptionProblem(app.remaining())) {
        std::cerr << "kiosk: " << *problem << "\n" << app.help();
        return EarlyExit{exitRefused};
    }
    if (!screenshot.empty())
        options.screenshot = screenshot;
    if (!demoWalk.empty())
        options.demoWalk = demoWalk;
    if (!size.empty()) {
        options.size = parseWindowSize(size);
        if (!options.size) {
            std::cerr << "kiosk: --size must be WIDTHxHEIGHT in pixels, e.g. 1080x1920 (got \""
                      << size << "\")\n";
            return EarlyExit{exitRefused};
        }
    }
    return options;
}

} // namespace kiosk::app
