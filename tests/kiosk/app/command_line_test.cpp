// SPDX-License-Identifier: Apache-2.0
// The kiosk's command line: its own options, Qt's options passed on, and everything else
// refused with usage (an unknown option once started a normal kiosk that never exited).
#include "kiosk/app/command_line.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using kiosk::app::EarlyExit;
using kiosk::app::Options;

std::variant<Options, EarlyExit> parse(std::vector<std::string> arguments)
{
    arguments.insert(arguments.begin(), "kiosk");
    std::vector<char*> argv;
    for (auto& argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    return kiosk::app::parseCommandLine(static_cast<int>(arguments.size()), argv.data());
}

int refusedWith(std::vector<std::string> arguments)
{
    const auto parsed = parse(std::move(arguments));
    const auto* early = std::get_if<EarlyExit>(&parsed);
    return early != nullptr ? early->code : -1;
}

TEST(CommandLine, MeasureStartupIsAnOptionOfItsOwn)
{
    const auto parsed = parse({"--config", "k.toml", "--measure-startup"});
    ASSERT_TRUE(std::holds_alternative<Options>(parsed));
    EXPECT_TRUE(std::get<Options>(parsed).measureStartup);
    EXPECT_EQ(std::get<Options>(parsed).configFile, "k.toml");
    const auto plain = parse({"--config", "k.toml"});
    ASSERT_TRUE(std::holds_alternative<Options>(plain));
    EXPECT_FALSE(std::get<Options>(plain).measureStartup);
}

TEST(CommandLine, TheDemoWalkTakesItsFolderAndGoesWithNeitherScreenshotNorMeasuring)
{
    const auto parsed = parse({"--config", "k.toml", "--demo-walk", "walk"});
    ASSERT_TRUE(std::holds_alternative<Options>(parsed));
    EXPECT_EQ(std::get<Options>(parsed).demoWalk, "walk");
    EXPECT_EQ(refusedWith({"--demo-walk"}), kiosk::app::exitRefused) << "the folder is missing";
    EXPECT_EQ(refusedWith({"--demo-walk", "w", "--screenshot", "s.png"}), kiosk::app::exitRefused);
    EXPECT_EQ(refusedWith({"--demo-walk", "w", "--measure-startup"}), kiosk::app::exitRefused);
}

TEST(CommandLine, TheWalkGoesOnCueOnlyWhenAskedAndOnlyAsAWalk)
{
    const auto onCue = parse({"--config", "k.toml", "--demo-walk", "walk", "--demo-walk-on-cue"});
    ASSERT_TRUE(std::holds_alternative<Options>(onCue));
    EXPECT_TRUE(std::get<Options>(onCue).demoWalkOnCue);
    const auto byItself = parse({"--config", "k.toml", "--demo-walk", "walk"});
    ASSERT_TRUE(std::holds_alternative<Options>(byItself));
    EXPECT_FALSE(std::get<Options>(byItself).demoWalkOnCue);
    EXPECT_EQ(refusedWith({"--demo-walk-on-cue"}), kiosk::app::exitRefused) << "no walk";
}

TEST(CommandLine, TheOutOfServicePageGoesWithAScreenshotButNotWithTheWalkOrMeasuring)
{
    const auto parsed = parse({"--config", "k.toml", "--out-of-service", "--screenshot", "s.png"});
    ASSERT_TRUE(std::holds_alternative<Options>(parsed));
    EXPECT_TRUE(std::get<Options>(parsed).outOfService);
    EXPECT_EQ(std::get<Options>(parsed).screenshot, "s.png");
    const auto plain = parse({"--config", "k.toml"});
    ASSERT_TRUE(std::holds_alternative<Options>(plain));
    EXPECT_FALSE(std::get<Options>(plain).outOfService);
    EXPECT_EQ(refusedWith({"--out-of-service", "--demo-walk", "w"}), kiosk::app::exitRefused);
    EXPECT_EQ(refusedWith({"--out-of-service", "--measure-startup"}), kiosk::app::exitRefused);
    EXPECT_EQ(refusedWith({"--out-of-service", "--bogus"}), kiosk::app::exitRefused);
}

TEST(CommandLine, UnknownOptionsAndArgumentsAreRefusedWithTheUsageExitCode)
{
    EXPECT_EQ(refusedWith({"--config", "k.toml", "--measure-start"}), kiosk::app::exitRefused);
    EXPECT_EQ(refusedWith({"--bogus"}), kiosk::app::exitRefused);
    EXPECT_EQ(refusedWith({"-x"}), kiosk::app::exitRefused);
    EXPECT_EQ(refusedWith({"stray"}), kiosk::app::exitRefused);
    EXPECT_EQ(refusedWith({"-platform"}), kiosk::app::exitRefused); // its value is missing
}

TEST(CommandLine, QtsOwnOptionsPassInEitherSpelling)
{
    for (const auto& arguments : std::vector<std::vector<std::string>>{
             {"-platform", "offscreen"},
             {"--platform", "offscreen"},
             {"-platform=offscreen"},
             {"-qwindowgeometry", "1080x1920+0+0", "-reverse"},
             {"-qmljsdebugger=port:3768,block"},
             {"--config", "k.toml", "-platform", "offscreen", "--size", "1080x1920"}}) {
        const auto parsed = parse(arguments);
        EXPECT_TRUE(std::holds_alternative<Options>(parsed)) << arguments.front();
    }
}

TEST(CommandLine, QtOptionProblemNamesTheFirstArgumentItCannotPlace)
{
    EXPECT_EQ(kiosk::app::qtOptionProblem({}), std::nullopt);
    EXPECT_EQ(kiosk::app::qtOptionProblem({"-platform", "xcb", "--frobnicate"}),
              "unknown option --frobnicate");
    EXPECT_EQ(kiosk::app::qtOptionProblem({"leftover"}), "unexpected argument \"leftover\"");
    EXPECT_EQ(kiosk::app::qtOptionProblem({"-qwindowtitle"}), "option -qwindowtitle needs a value");
}

} // namespace
