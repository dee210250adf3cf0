// SPDX-License-Identifier: Apache-2.0
// set_config: a configuration fragment signed like a catalog, verified with the catalog's
// trusted keys, merged and validated as a whole before the file is replaced atomically and the
// change audited (key names only); every refusal leaves the file as it was and says why.
#include "kiosk/core/audit_verify.h"
#include "kiosk/core/remote_config.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

namespace {

/// A valid configuration with a comment, a trusted key and a [session] section.
std::string configText(const test_support::TestKey& key, const std::filesystem::path& dataDir)
{
    return "# the kiosk at the district hall\n"
           "[kiosk]\nid = \"SC-510703-0042\"\ndata_dir = \"" +
           dataDir.string() +
           "\"\n"
           "[platform]\nurl = \"https://platform.example.gov.cn\"\n"
           "[[catalog.trusted_keys]]\nid = \"" +
           key.trusted.id + "\"\nalg = \"" + key.trusted.alg + "\"\npublic_key_file = \"" +
           key.trusted.publicKeyFile.string() +
           "\"\n"
           "[session]\nidle_timeout_s = 90\n";
}

class RemoteConfigTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        key_ = test_support::makeKey(dir_.path(), "province-2026-01", "ed25519");
        std::filesystem::create_directories(dir_ / "data");
        original_ = configText(key_, dir_ / "data");
        std::ofstream(configFile_, std::ios::binary) << original_;
        auto trail = AuditTrail::open(dir_ / "data", {});
        ASSERT_TRUE(trail) << trail.error().describe();
        trail_ = std::move(*trail);
        remote_ = std::make_unique<RemoteConfig>(
            RemoteConfigOptions{configFile_, {key_.trusted}, trail_.get()});
    }

    /// `fragment` with the version set_config asks of every fragment (above the file's 0).
    static std::string versioned(const std::string& fragment, int version = 1)
    {
        return fragment + "[remote_config]\nversion = " + std::to_string(version) + "\n";
    }

    /// The set_config args: `fragment` signed by `key`.
    static nlohmann::json signedFragment(const std::string& fragment,
                                         const test_support::TestKey& key)
    {
        auto envelope = signPayload(fragment, key.privateKeyFile, key.trusted.id, key.trusted.alg);
        EXPECT_TRUE(envelope) << envelope.error().describe();
        return nlohmann::json::parse(*envelope);
    }

    /// The refusal of `args`, after checking that the file was left as it was.
    std::string refusal(const nlohmann::json& args)
    {
        auto applied = remote_->apply("cmd-7", args);
        EXPECT_FALSE(applied) << *applied;
        EXPECT_EQ(test_support::readText(configFile_), original_) << "the file was changed";
        EXPECT_FALSE(std::filesystem::exists(configFile_.string() + ".previous"));
        return applied ? std::string() : applied.error().message;
    }

    test_support::TempDir dir_;
    std::filesystem::path configFile_ = dir_ / "kiosk.toml";
    std::string original_;
    test_support::TestKey key_;
    std::unique_ptr<AuditTrail> trail_;
    std::unique_ptr<RemoteConfig> remote_;
};

} // namespace

TEST_F(RemoteConfigTest, ASignedFragmentIsMergedWrittenAtomicallyAndAuditedByKeyName)
{
    const auto args = signedFragment(
        versioned(
            "[session]\nidle_timeout_s = 120\n[receipt]\nlocation = \"区政务服务中心一楼\"\n"),
        key_);
    auto applied = remote_->apply("cmd-7", args);
    ASSERT_TRUE(applied) << applied.error().describe();
    EXPECT_NE(applied->find("receipt.location, remote_config.version, session.idle_timeout_s"),
              std::string::npos)
        << *applied;
    EXPECT_NE(applied->find("next start"), std::string::npos) << *applied;

    // The new file is the merge: the fragment's values, and everything else as it was.
    auto config = loadConfig(configFile_);
    ASSERT_TRUE(config) << config.error().describe();
    EXPECT_EQ(config->session.idleTimeoutS, 120);
    EXPECT_EQ(config->receipt.location, "区政务服务中心一楼");
    EXPECT_EQ(config->kiosk.id, "SC-510703-0042");
    ASSERT_EQ(config->catalog.trustedKeys.size(), 1u);
    EXPECT_EQ(config->catalog.trustedKeys[0].publicKeyFile, key_.trusted.publicKeyFile);
    EXPECT_EQ(test_support::readText(configFile_.string() + ".previous"), original_);
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path()))
        EXPECT_FALSE(entry.path().filename().string().starts_with(".kiosk.toml"))
            << "temporary file left: " << entry.path();

    auto records = readAuditRecords(dir_ / "data", "");
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 1u);
    const auto& record = records->front();
    EXPECT_EQ(record["event"], "config.changed");
    EXPECT_EQ(record["actor"], "platform");
    EXPECT_EQ(record["detail"]["command"], "cmd-7");
    EXPECT_EQ(record["detail"]["keys"], (nlohmann::json{"receipt.location", "remote_config.version",
                                                        "session.idle_timeout_s"}));
    // What the record says, without the trail's own numbers (its sequence, time and SHA-256
    // chain), where "120" may stand by chance.
    auto said = record;
    for (const auto* own : {"seq", "time", "prev", "hash"})
        said.erase(own);
    EXPECT_EQ(said.dump().find("120"), std::string::npos) << "a value in the trail";
    EXPECT_EQ(record.dump().find("政务服务中心"), std::string::npos) << "a value in the trail";
}

TEST_F(RemoteConfigTest, ABadSignatureIsRefusedAndNothingIsWritten)
{
    auto args = signedFragment("[session]\nidle_timeout_s = 120\n", key_);
    args["payload"] = base64Encode("[session]\nidle_timeout_s = 600\n");
    EXPECT_NE(refusal(args).find("does not verify"), std::string::npos);

    // Signed by a key the kiosk does not trust (same id, another key pair).
    test_support::TempDir other;
    const auto stranger = test_support::makeKey(other.path(), key_.trusted.id, "ed25519");
    EXPECT_NE(refusal(signedFragment("[session]\nidle_timeout_s = 120\n", stranger))
                  .find("does not verify"),
              std::string::npos);
    auto unknown = test_support::makeKey(other.path(), "someone-else", "ed25519");
    EXPECT_NE(refusal(signedFragment("[session]\nidle_timeout_s = 120\n", unknown))
                  .find("not a trusted key"),
              std::string::npos);
    EXPECT_NE(refusal(nlohmann::json{{"fragment", "[session]"}}).find("set_config: envelope"),
              std::string::npos);
    EXPECT_TRUE(readAuditRecords(dir_ / "data", "")->empty()) << "nothing changed, nothing audited";
}

TEST_F(RemoteConfigTest, TheFragmentIsValidatedCompletelyBeforeAnythingIsApplied)
{
    // An unknown key, a value out of range, a wrong type, a cross-check (the receipt URL
    // needs {ref}) and a TOML syntax error: each named with the command, line and key, and
    // the fragment's valid keys before the bad one are not applied either.
    EXPECT_EQ(refusal(signedFragment(
                  versioned("[session]\nidle_timeout_s = 120\n[queue]\nmax_size = 1\n"), key_)),
              "set_config cmd-7:4: unknown key 'queue.max_size'");
    EXPECT_EQ(refusal(signedFragment(versioned("[session]\nidle_timeout_s = 5\n"), key_)),
              "set_config cmd-7:2: 'session.idle_timeout_s' is 5; expected 30 to 600");
    EXPECT_EQ(refusal(signedFragment(versioned("[queue]\nmax_mb = \"big\"\n"), key_)),
              "set_config cmd-7:2: 'queue.max_mb' must be a positive integer");
    EXPECT_EQ(refusal(signedFragment(versioned("[receipt]\nqr_url_template = \"https://x.cn/r\"\n"),
                                     key_)),
              "set_config cmd-7: 'receipt.qr_url_template' must contain {ref}");
    EXPECT_NE(refusal(signedFragment(versioned("[session\nidle_timeout_s = 120\n"), key_))
                  .find("set_config cmd-7:1:"),
              std::string::npos);
    EXPECT_NE(
        refusal(signedFragment(std::string(maxConfigFragmentBytes + 1, '#'), key_)).find("at most"),
        std::string::npos);
}

TEST_F(RemoteConfigTest, KeysThatCouldCutTheKioskOffAreChangedOnTheKioskOnly)
{
    for (const std::string fragment :
         {"[platform]\nurl = \"https://elsewhere.example.cn\"\n", "[kiosk]\nid = \"X\"\n",
          "[catalog]\nfile = \"/tmp/c.json\"\n", "[queue]\ncipher = \"sm4-ctr-hmac-sm3\"\n",
          "[audit]\nhash = \"sm3\"\n"})
        EXPECT_NE(refusal(signedFragment(versioned(fragment), key_)).find("cannot be set remotely"),
                  std::string::npos)
            << fragment;
    EXPECT_TRUE(remotelySettable("session.idle_timeout_s"));
    EXPECT_TRUE(remotelySettable("devices.receipt_printer"));
    EXPECT_TRUE(remotelySettable("audit.max_mb"));
    EXPECT_FALSE(remotelySettable("catalog.trusted_keys"));
    EXPECT_FALSE(remotelySettable("platform.cert_file"));
    EXPECT_FALSE(remotelySettable("fleet.mqtt_url"));
}

TEST_F(RemoteConfigTest, AFragmentSentAgainOrWithoutAHigherVersionIsRefused)
{
    // Without a version, a signed fragment could be sent again at any later time.
    EXPECT_EQ(refusal(signedFragment("[session]\nidle_timeout_s = 120\n", key_)),
              "set_config: the fragment sets no 'remote_config.version'; each fragment carries "
              "one above the last applied here (0)");
    EXPECT_NE(refusal(signedFragment(versioned("", -1), key_)).find("must be a whole number"),
              std::string::npos);

    // Version 2 applies; version 1 (signed before it) and version 2 once more are refused and
    // leave version 2's file as it is.
    const auto first = signedFragment(versioned("[session]\nidle_timeout_s = 120\n", 1), key_);
    const auto second = signedFragment(versioned("[session]\nidle_timeout_s = 300\n", 2), key_);
    ASSERT_TRUE(remote_->apply("cmd-2", second));
    original_ = test_support::readText(configFile_);
    std::filesystem::remove(configFile_.string() + ".previous"); // refusal() checks none is made
    EXPECT_EQ(refusal(first), "set_config: the fragment's 'remote_config.version' is 1, not above "
                              "2, the last applied here: an older fragment sent again is refused");
    EXPECT_NE(refusal(second).find("is 2, not above 2"), std::string::npos);
    auto config = loadConfig(configFile_);
    ASSERT_TRUE(config) << config.error().describe();
    EXPECT_EQ(config->session.idleTimeoutS, 300);
    EXPECT_EQ(config->remoteConfig.version, 2);
    EXPECT_EQ(readAuditRecords(dir_ / "data", "")->size(), 1u) << "only version 2 audited";
}

TEST_F(RemoteConfigTest, WithoutTrustedKeysNoConfigurationIsAccepted)
{
    RemoteConfig untrusting({configFile_, {}, trail_.get()});
    auto applied =
        untrusting.apply("cmd-9", signedFragment("[session]\nidle_timeout_s = 120\n", key_));
    ASSERT_FALSE(applied);
    EXPECT_NE(applied.error().message.find("no [[catalog.trusted_keys]]"), std::string::npos);
}

TEST(ConfigMerge, TablesMergeKeyByKeyAndOnlyChangedValuesCount)
{
    const std::string current = "[kiosk]\nid = \"A\"\ndata_dir = \"/var/lib/kiosk\"\n"
                                "[platform]\nurl = \"https://p.example.cn\"\n"
                                "[devices]\ncard_reader = \"fake\"\nreceipt_printer = \"fake\"\n";
    auto merged = mergeConfigFragment(current, "kiosk.toml",
                                      "[devices]\ncard_reader = \"fake\"\n"
                                      "receipt_printer = \"tcp:10.0.0.9:9100\"\n",
                                      "fragment");
    ASSERT_TRUE(merged) << merged.error().describe();
    EXPECT_EQ(merged->keys,
              (std::vector<std::string>{"devices.card_reader", "devices.receipt_printer"}));
    EXPECT_EQ(merged->changed, (std::vector<std::string>{"devices.receipt_printer"}));
    EXPECT_EQ(merged->config.devices.receiptPrinter, "tcp:10.0.0.9:9100");
    EXPECT_EQ(merged->config.devices.cardReader, "fake");
    EXPECT_EQ(merged->config.platform.url, "https://p.example.cn");
    auto reread = parseConfig(merged->toml, "written");
    ASSERT_TRUE(reread) << reread.error().describe();
    EXPECT_EQ(reread->devices.receiptPrinter, "tcp:10.0.0.9:9100");

    auto invalidCurrent = mergeConfigFragment("[kiosk]\nid = \"A\"\n", "kiosk.toml", "", "f");
    ASSERT_FALSE(invalidCurrent);
    EXPECT_NE(invalidCurrent.error().message.find("the configuration in use is not valid"),
              std::string::npos);
}
