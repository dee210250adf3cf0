// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/command_line.h"

#include "kiosk/core/config.h"
#include "kiosk/core/version.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>

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

} // namespace

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
    app.add_option("--config", options.configFile, "configuration file (specs/config.md)")
        ->capture_default_str();
    app.add_option("--screenshot", screenshot, "save the first rendered frame as PNG, then exit");
    app.add_option("--size", size, "window size WxH, e.g. 1080x1920 (default: full screen)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return EarlyExit{code == 0 ? 0 : exitRefused};
    }
    if (!screenshot.empty())
        options.screenshot = screenshot;
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
