// SPDX-License-Identifier: Apache-2.0
// The kiosk program's command line: --config FILE [--screenshot FILE.png] [--size WxH].
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace kiosk::app {

struct WindowSize {
    int width = 0;
    int height = 0;
};

struct Options {
    std::filesystem::path configFile;
    std::optional<std::filesystem::path> screenshot; ///< save the first frame here, then exit
    std::optional<WindowSize> size;                  ///< absent: full screen
};

/// How main() should end when the command line does not lead to a running kiosk.
struct EarlyExit {
    int code = 0; ///< 0 after --help or --version, 2 for a usage error
};

inline constexpr int exitRefused =
    2; ///< bad usage, configuration or catalog: the kiosk does not start

/// Parses the kiosk's own options; options it does not know (Qt's -platform, -qmljsdebugger,
/// ...) are left for QGuiApplication. Help, version and usage errors are printed here.
[[nodiscard]] std::variant<Options, EarlyExit> parseCommandLine(int argc, char** argv);

/// "1080x1920" -> {1080, 1920}; nullopt unless both sides are in 100..10000.
[[nodiscard]] std::optional<WindowSize> parseWindowSize(const std::string& text);

} // namespace kiosk::app
