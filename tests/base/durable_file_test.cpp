// SPDX-License-Identifier: Apache-2.0
// base::replaceFile: the new content in place with its mode and owner, nothing else left in the
// folder, the file in place kept as the previous one when asked, and a failure that changes
// nothing.
#include "base/durable_file.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

namespace {

std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::set<std::string> namesIn(const std::filesystem::path& dir)
{
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

struct stat statOf(const std::filesystem::path& path)
{
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info;
}

TEST(ReplaceFile, PutsTheContentInPlaceWithItsModeAndOwnerAndNoTemporaryFileLeft)
{
    test_support::TempDir dir;
    const auto file = dir / "state.json";
    writeText(file, "old");
    base::ReplaceOptions how;
    how.mode = 0640;
    how.owner = base::FileOwner{::geteuid(), ::getegid()};
    const auto mask = ::umask(077); // the mode is the one asked for, not the umask's
    auto replaced = base::replaceFile(file, "new", how);
    ::umask(mask);

    ASSERT_TRUE(replaced) << replaced.error().message;
    EXPECT_EQ(readText(file), "new");
    const auto info = statOf(file);
    EXPECT_EQ(info.st_mode & 07777, 0640u);
    EXPECT_EQ(info.st_uid, ::geteuid());
    EXPECT_EQ(info.st_gid, ::getegid());
    EXPECT_EQ(namesIn(dir.path()), std::set<std::string>{"state.json"});
}

TEST(ReplaceFile, CreatesAFileThatWasNotThereWithTheDefaultPrivateMode)
{
    test_support::TempDir dir;
    ASSERT_TRUE(base::replaceFile(dir / "lock.json", "{}"));
    EXPECT_EQ(readText(dir / "lock.json"), "{}");
    EXPECT_EQ(statOf(dir / "lock.json").st_mode & 07777, 0600u);
}

TEST(ReplaceFile, KeepsTheFileInPlaceAsThePreviousOneEachTime)
{
    test_support::TempDir dir;
    base::ReplaceOptions keep;
    keep.mode = 0644;
    keep.keepPrevious = dir / "previous.json";
    ASSERT_TRUE(base::replaceFile(dir / "current.json", "first", keep));
    EXPECT_FALSE(std::filesystem::exists(dir / "previous.json")) << "nothing was in place";
    ASSERT_TRUE(base::replaceFile(dir / "current.json", "second", keep));
    ASSERT_TRUE(base::replaceFile(dir / "current.json", "third", keep));

    EXPECT_EQ(readText(dir / "current.json"), "third");
    EXPECT_EQ(readText(dir / "previous.json"), "second");
    EXPECT_EQ(namesIn(dir.path()), (std::set<std::string>{"current.json", "previous.json"}));
}

TEST(ReplaceFile, AFailureLeavesWhatWasThereAsItWasAndNoTemporaryFile)
{
    test_support::TempDir dir;
    writeText(dir / "previous.json", "kept before");
    // A folder stands where the file should go: the rename fails (EISDIR) and, asked to keep
    // it as the previous one, so does the link before it (EPERM).
    std::filesystem::create_directory(dir / "blocked");
    writeText(dir / "blocked" / "inside", "x");
    const auto before = namesIn(dir.path());

    auto renamed = base::replaceFile(dir / "blocked", "new");
    ASSERT_FALSE(renamed);
    EXPECT_NE(renamed.error().message.find("rename"), std::string::npos) << renamed.error().message;
    base::ReplaceOptions keep;
    keep.keepPrevious = dir / "previous.json";
    auto linked = base::replaceFile(dir / "blocked", "new", keep);
    ASSERT_FALSE(linked);
    EXPECT_NE(linked.error().message.find("link"), std::string::npos) << linked.error().message;

    EXPECT_EQ(readText(dir / "previous.json"), "kept before");
    EXPECT_EQ(readText(dir / "blocked" / "inside"), "x");
    EXPECT_EQ(namesIn(dir.path()), before);

    auto noFolder = base::replaceFile(dir / "missing" / "state.json", "new");
    ASSERT_FALSE(noFolder);
    EXPECT_NE(noFolder.error().message.find("temporary file"), std::string::npos);
}

} // namespace
