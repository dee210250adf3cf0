// SPDX-License-Identifier: Apache-2.0
// kioskctl camera capture as a technician runs it: the real binary, the fake camera and a
// still image through the OpenCV module.
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
};

Run kioskctl(const std::string& arguments)
{
    const std::string command = std::string(KIOSKCTL_PATH) + " " + arguments + " 2>&1";
    std::string text;
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        text.append(buffer.data(), n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

TEST(CameraCommand, CaptureWritesOneJpegReadableByItsOwnerOnly)
{
    const test_support::TempDir dir;
    const std::string out = dir.file("page.jpg");
    const auto run = kioskctl("camera capture --device fake --out " + out + " --json");
    ASSERT_EQ(run.exitCode, 0) << run.out;
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["file"], out);
    EXPECT_EQ(json["width"], 1600);
    EXPECT_EQ(json["height"], 1200);
    const std::string jpeg = readFile(out);
    ASSERT_EQ(json["bytes"], jpeg.size());
    ASSERT_GE(jpeg.size(), 4u);
    EXPECT_EQ(jpeg.substr(0, 2), "\xFF\xD8");            // SOI
    EXPECT_EQ(jpeg.substr(jpeg.size() - 2), "\xFF\xD9"); // EOI
    const auto perms = std::filesystem::status(out).permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
}

// image: goes through the OpenCV module that kioskctl loads (it never links OpenCV).
TEST(CameraCommand, CaptureFromAStillImageThroughTheModule)
{
    const test_support::TempDir dir;
    const std::string first = dir.file("first.jpg");
    ASSERT_EQ(kioskctl("camera capture --device fake --out " + first).exitCode, 0);
    const std::string second = dir.file("second.jpg");
    const auto run = kioskctl("camera capture --device image:" + first + " --out " + second);
    ASSERT_EQ(run.exitCode, 0) << run.out;
    EXPECT_NE(run.out.find("1600x1200"), std::string::npos) << run.out;
    EXPECT_EQ(readFile(second).substr(0, 2), "\xFF\xD8");
}

TEST(CameraCommand, AMissingImageFailsNamingThePath)
{
    const test_support::TempDir dir;
    const std::string absent = dir.file("absent.jpg");
    const auto run =
        kioskctl("camera capture --device image:" + absent + " --out " + dir.file("x.jpg"));
    EXPECT_EQ(run.exitCode, 1) << run.out;
    EXPECT_NE(run.out.find(absent), std::string::npos) << run.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("x.jpg")));
}

TEST(CameraCommand, UnknownOptionsSpecsAndSubcommandsAreRefused)
{
    const test_support::TempDir dir;
    const std::string out = dir.file("x.jpg");
    EXPECT_EQ(kioskctl("camera capture --device fake --out " + out + " --flash").exitCode, 2);
    EXPECT_EQ(kioskctl("camera capture --device usb:0c45:6366 --out " + out).exitCode, 2);
    EXPECT_EQ(kioskctl("camera capture --device fake").exitCode, 2) << "--out is required";
    EXPECT_EQ(kioskctl("camera record --device fake").exitCode, 2);
    EXPECT_EQ(kioskctl("camera").exitCode, 2);
    EXPECT_FALSE(std::filesystem::exists(out));
}

} // namespace
