// SPDX-License-Identifier: Apache-2.0
// kioskctl provision as a technician (or provision-usb) runs it, through the real binary: the
// signed catalog given with --catalog is installed with the provisioning, as the owner of
// data_dir when kioskctl runs as root; a catalog signed with another key, or none at all on a
// package that ships a plain one, is refused with nothing written; an install that fails after
// the provisioning was written says so with exit 3; unknown options are refused with usage.
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

using Outcome = kiosk::test::CommandOutcome;

Outcome run(const std::string& command, bool withStderr = false)
{
    return kiosk::test::runCommand(command, withStderr);
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

uid_t ownerOf(const fs::path& path)
{
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_uid;
}

constexpr std::int64_t kCatalogVersion = 2026120101;

class ProvisionCommand : public ::testing::Test {
protected:
    void SetUp() override
    {
        for (const char* sub : {"etc", "data", "stick", "admin"})
            fs::create_directories(dir_ / sub);
        const std::string req = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
                                "-nodes -days 2 -subj ";
        ASSERT_EQ(
            run(req + "/CN=CA -keyout " + admin("ca.key") + " -out " + admin("ca.pem")).exitCode,
            0);
        ASSERT_EQ(run(req + "/CN=SC-510703-0042 -keyout " + admin("client.key") + " -out " +
                      admin("client.pem"))
                      .exitCode,
                  0);
        makeKey("trust");
        makeKey("other");
        std::ofstream(config()) << "[kiosk]\nid = \"UNPROVISIONED\"\ndata_dir = \""
                                << dir_.file("data") << "\"\n\n[platform]\n"
                                << "url = \"https://platform.example.gov.cn/api\"\n\n"
                                << "[queue]\nkey_file = \"" << dir_.file("data/keys/queue.key")
                                << "\"\n\n[receipt]\nlocation = \"test\"\n";
        writeProvisioningFile();
        // The shipped catalog with a version of its own, signed by the file's trust key.
        std::ifstream in(KIOSK_SHIPPED_CATALOG);
        auto catalog = Json::parse(in);
        catalog["catalogVersion"] = kCatalogVersion;
        std::ofstream(admin("catalog.json")) << catalog.dump(2);
        ASSERT_EQ(sign("trust", "province-2026-01", envelope()).exitCode, 0);
    }

    std::string admin(const std::string& name) const { return dir_.file("admin/" + name); }
    std::string config() const { return dir_.file("etc/kiosk.toml"); }
    std::string source() const { return dir_.file("stick/kiosk-provisioning.toml"); }
    std::string envelope() const { return dir_.file("stick/kiosk-catalog.envelope.json"); }

    void makeKey(const std::string& name)
    {
        ASSERT_EQ(run("openssl genpkey -algorithm ed25519 -out " + admin(name + ".key")).exitCode,
                  0);
        ASSERT_EQ(run("openssl pkey -in " + admin(name + ".key") + " -pubout -out " +
                      admin(name + ".pub"))
                      .exitCode,
                  0);
    }

    Outcome sign(const std::string& key, const std::string& keyId, const std::string& out)
    {
        return run(std::string(KIOSKCTL_PATH) + " catalog sign --key " + admin(key + ".key") +
                   " --key-id " + keyId + " " + admin("catalog.json") + " > " + out);
    }

    /// kiosk-provisioning.toml on the stick, with the key "trust" as province-2026-01.
    void writeProvisioningFile()
    {
        std::ofstream(source())
            << "format = 1\n\n[kiosk]\nid = \"SC-510703-0042\"\n\n[platform]\n"
            << "url = \"https://platform.example.gov.cn/api\"\n"
            << "ca = '''\n"
            << readText(admin("ca.pem")) << "'''\ncert = '''\n"
            << readText(admin("client.pem")) << "'''\nkey = '''\n"
            << readText(admin("client.key")) << "'''\n\n[[catalog.trusted_keys]]\n"
            << "id = \"province-2026-01\"\nalg = \"ed25519\"\npublic_key = '''\n"
            << readText(admin("trust.pub")) << "'''\n\n[queue]\nkey = \"" << std::string(63, '0')
            << "1\"\n";
    }

    Outcome provision(const std::string& arguments, bool withStderr = false)
    {
        return run(std::string(KIOSKCTL_PATH) + " provision --config " + config() + " " +
                       arguments + " " + source(),
                   withStderr);
    }

    /// A refusal leaves everything as it was: the configuration, no key written, the source.
    void expectNothingWritten(const std::string& configBefore)
    {
        EXPECT_EQ(readText(config()), configBefore);
        EXPECT_FALSE(fs::exists(dir_ / "etc" / "kiosk.key"));
        EXPECT_FALSE(fs::exists(dir_ / "etc" / "keys"));
        EXPECT_FALSE(fs::exists(dir_ / "data" / "keys" / "queue.key"));
        EXPECT_FALSE(fs::exists(dir_ / "data" / "catalog"));
        EXPECT_TRUE(fs::exists(source()));
    }

    test_support::TempDir dir_;
};

TEST_F(ProvisionCommand, TheCatalogGivenIsInstalledWithTheProvisioning)
{
    auto done = provision("--json --catalog " + envelope());
    ASSERT_EQ(done.exitCode, 0) << done.out;
    const auto report = Json::parse(done.out);
    EXPECT_EQ(report["kioskId"], "SC-510703-0042");
    EXPECT_EQ(
        report["catalog"],
        (Json{{"offered", true}, {"catalogVersion", kCatalogVersion}, {"result", "installed"}}));
    EXPECT_FALSE(fs::exists(source())); // wiped

    // The kiosk's view: the installed catalog is in service, and its install is audited.
    const std::string withConfig = " --config " + config() + " --json";
    auto shown = run(std::string(KIOSKCTL_PATH) + " catalog show" + withConfig);
    ASSERT_EQ(shown.exitCode, 0) << shown.out;
    EXPECT_EQ(Json::parse(shown.out)["catalogVersion"], kCatalogVersion);
    auto trail = run(std::string(KIOSKCTL_PATH) + " audit show --since 2000" + withConfig);
    ASSERT_EQ(trail.exitCode, 0) << trail.out;
    const auto records = Json::parse(trail.out);
    ASSERT_EQ(records.size(), 1u) << trail.out;
    EXPECT_EQ(records[0]["event"], "catalog.installed");
    EXPECT_EQ(records[0]["detail"]["origin"], "provisioning");

    // The text answer of a technician's --replace names the version (in service already now).
    writeProvisioningFile();
    auto again = provision("--replace --catalog " + envelope());
    ASSERT_EQ(again.exitCode, 0) << again.out;
    EXPECT_NE(again.out.find("the signed catalog 2026120101 is in service already"),
              std::string::npos)
        << again.out;
}

TEST_F(ProvisionCommand, AsRootTheCatalogIsInstalledAsTheOwnerOfDataDir)
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root: kioskctl drops privileges only when it runs as root";
    // data_dir is the kiosk user's (here nobody, 65534); it must reach it through the folders.
    const uid_t kiosk = 65534;
    fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read |
                                     fs::perms::others_exec);
    ASSERT_EQ(::chown(dir_.file("data").c_str(), kiosk, kiosk), 0);

    auto done = provision("--json --catalog " + envelope());
    ASSERT_EQ(done.exitCode, 0) << done.out;
    EXPECT_EQ(Json::parse(done.out)["catalog"]["result"], "installed");
    EXPECT_EQ(ownerOf(dir_ / "data" / "catalog"), kiosk);
    EXPECT_EQ(ownerOf(dir_ / "data" / "catalog" / "current.json"), kiosk);
    ASSERT_TRUE(fs::exists(dir_ / "data" / "audit"));
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / "data" / "audit"))
        EXPECT_EQ(ownerOf(entry.path()), kiosk) << entry.path();
    EXPECT_EQ(ownerOf(dir_ / "etc" / "kiosk.key"), kiosk); // the secrets, as before
    EXPECT_EQ(ownerOf(dir_ / "etc" / "kiosk.toml"), 0u);
}

TEST_F(ProvisionCommand, ACatalogSignedWithAnotherKeyIsRefusedAndNothingWritten)
{
    ASSERT_EQ(sign("other", "province-2026-01", envelope()).exitCode, 0);
    const std::string before = readText(config());
    auto refused = provision("--json --catalog " + envelope());
    EXPECT_EQ(refused.exitCode, 1) << refused.out;
    const auto message = Json::parse(refused.out)["error"]["message"].get<std::string>();
    EXPECT_NE(message.find("does not verify with the provisioned trust keys"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("PRIVATE KEY"), std::string::npos);
    expectNothingWritten(before);
}

TEST_F(ProvisionCommand, WithoutACatalogThePackagesPlainOneIsNoFloor)
{
    const std::string before = readText(config());
    auto refused = provision("", true);
    EXPECT_EQ(refused.exitCode, 1) << refused.out;
    EXPECT_NE(refused.out.find("after this provisioning the kiosk would accept no catalog"),
              std::string::npos)
        << refused.out;
    EXPECT_NE(refused.out.find("--catalog"), std::string::npos) << refused.out;
    expectNothingWritten(before);
}

TEST_F(ProvisionCommand, AnInstallThatFailsAfterTheProvisioningSaysWhatToDo)
{
    // data_dir/catalog is a file: the catalog verifies, but cannot be written there.
    std::ofstream(dir_ / "data" / "catalog") << "in the way\n";
    auto partly = provision("--catalog " + envelope(), true);
    EXPECT_EQ(partly.exitCode, 3) << partly.out;
    EXPECT_NE(partly.out.find("provisioned kiosk SC-510703-0042"), std::string::npos) << partly.out;
    EXPECT_NE(partly.out.find("was NOT installed"), std::string::npos) << partly.out;
    EXPECT_NE(partly.out.find("kioskctl catalog install " + envelope()), std::string::npos)
        << partly.out;
    EXPECT_NE(readText(config()).find("SC-510703-0042"), std::string::npos);
}

TEST_F(ProvisionCommand, UnknownOptionsAndAMissingCatalogAreUsageErrors)
{
    const std::string before = readText(config());
    EXPECT_EQ(provision("--force").exitCode, 2);
    EXPECT_EQ(run(std::string(KIOSKCTL_PATH) + " provision " + source() + " --catalog").exitCode,
              2);
    auto missing = provision("--json --catalog " + dir_.file("stick/none.json"));
    EXPECT_EQ(missing.exitCode, 1) << missing.out;
    EXPECT_NE(Json::parse(missing.out)["error"]["message"].get<std::string>().find("none.json"),
              std::string::npos);
    expectNothingWritten(before);
}

} // namespace
