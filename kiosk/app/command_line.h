// SPDX-License-Identifier: Apache-2.0
// The kiosk program's command line: --config FILE [--screenshot FILE.png] [--size WxH]
// [--measure-startup] [--demo-walk DIR [--demo-walk-on-cue]] [--out-of-service], plus the
// options QGuiApplication itself knows (-platform ...).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::app {

struct WindowSize {
    int width = 0;
    int height = 0;
};

struct Options {
    std::filesystem::path configFile;
    std::optional<std::filesystem::path> screenshot; ///< save the first frame here, then exit
    std::optional<WindowSize> size;                  ///< absent: full screen
    /// Print {"firstFrameMs":N,"rssKb":N} once the home screen's first frame has rendered,
    /// then exit 0 (tests/bench/startup.sh compares it with a bare Qt window).
    bool measureStartup = false;
    /// Walk one application by itself, saving each screen here (kiosk/app/demo_walk.h).
    std::optional<std::filesystem::path> demoWalk;
    /// The walk's applications come on cues from stdin (kiosk/app/demo_walk.h).
    bool demoWalkOnCue = false;
    /// Show only the out-of-service page (kiosk/app/out_of_service.h), nothing else.
    bool outOfService = false;
};

/// How main() should end when the command line does not lead to a running kiosk.
struct EarlyExit {
    int code = 0; ///< 0 after --help or --version, 2 for a usage error
};

inline constexpr int exitRefused =
    2; ///< bad usage, configuration or catalog: the kiosk does not start

/// Parses the kiosk's own options. QGuiApplication's own options (-platform, -qmljsdebugger,
/// ...; see qtOptionProblem) are left for it; anything else is a usage error. Help, version
/// and usage errors are printed here.
[[nodiscard]] std::variant<Options, EarlyExit> parseCommandLine(int argc, char** argv);

/// Checks the arguments the kiosk's own parser left over: each must be one of
/// QGuiApplication's options (with its value where it takes one), in Qt's single-dash or
/// double-dash spelling. Returns what is wrong with the first one that is not, or nullopt.
[[nodiscard]] std::optional<std::string> qtOptionProblem(const std::vector<std::string>& rest);

/// "1080x1920" -> {1080, 1920}; nullopt unless both sides are in 100..10000.
[[nodiscard]] std::optional<WindowSize> parseWindowSize(const std::string& text);

} // namespace kiosk::app
