// SPDX-License-Identifier: Apache-2.0
// Tests of the configuration parser against specs/config.md.
#include "kiosk/core/config.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

using kiosk::core::ConfigErrc;
using kiosk::core::parseConfig;

namespace {

const char* const minimal = R"(
[kiosk]
id = "SC-510703-0042"
data_dir = "/var/lib/kiosk"

[platform]
url = "https://platform.example.gov.cn/api"
)";

std::string withExtra(const std::string& extra)
{
    return std::string(minimal) + extra;
}

} // namespace

TEST(ConfigParser, AcceptsTheSpecExample)
{
    const auto config = parseConfig(R"(
[kiosk]
id = "SC-510703-0042"
data_dir = "/var/lib/kiosk"

[platform]
url = "https://platform.example.gov.cn/api"
ca_file = "/etc/kiosk/platform-ca.pem"
cert_file = "/etc/kiosk/kiosk.pem"
key_file = "/etc/kiosk/kiosk.key"
allow_insecure_loopback = false

[catalog]
file = "/usr/share/kiosk/catalog.json"
[[catalog.trusted_keys]]
id = "province-2026-01"
alg = "ed25519"
public_key_file = "/etc/kiosk/keys/province-2026-01.pem"

[queue]
key_file = "/etc/kiosk/queue.key"
max_mb = 512
cipher = "aes-256-gcm"

[devices]
card_reader = "fake"
code_scanner = "fake"
receipt_printer = "fake"
review_tablet = "fake"
)",
                                    "kiosk.toml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->kiosk.id, "SC-510703-0042");
    EXPECT_EQ(config->kiosk.dataDir, "/var/lib/kiosk");
    EXPECT_EQ(config->platform.certFile, "/etc/kiosk/kiosk.pem");
    ASSERT_TRUE(config->catalog.file);
    EXPECT_EQ(*config->catalog.file, "/usr/share/kiosk/catalog.json");
    ASSERT_EQ(config->catalog.trustedKeys.size(), 1u);
    EXPECT_EQ(config->catalog.trustedKeys[0].alg, "ed25519");
    EXPECT_EQ(config->queue.maxMb, 512);
    EXPECT_EQ(config->devices.cardReader, "fake");
}

TEST(ConfigParser, DefaultsOptionalSections)
{
    const auto config = parseConfig(minimal, "kiosk.toml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_FALSE(config->catalog.file);
    EXPECT_EQ(config->queue.cipher, "aes-256-gcm");
    EXPECT_EQ(config->devices.reviewTablet, "fake");
}

TEST(ConfigParser, UnknownKeyIsRefusedWithKeyAndLine)
{
    const auto config = parseConfig(withExtra("[queue]\nmax_size = 3\n"), "kiosk.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, ConfigErrc::unknown_key);
    EXPECT_NE(config.error().message.find("queue.max_size"), std::string::npos)
        << config.error().message;
    EXPECT_NE(config.error().message.find("kiosk.toml:9"), std::string::npos)
        << config.error().message;
}

TEST(ConfigParser, UnknownSectionIsRefused)
{
    const auto config = parseConfig(withExtra("[printer]\nmodel = \"x\"\n"), "kiosk.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, ConfigErrc::unknown_key);
    EXPECT_NE(config.error().message.find("'printer'"), std::string::npos)
        << config.error().message;
}

TEST(ConfigParser, MissingRequiredKeyIsNamed)
{
    const auto config =
        parseConfig("[kiosk]\nid = \"x\"\n[platform]\nurl = \"https://a\"\n", "k.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, ConfigErrc::missing_key);
    EXPECT_NE(config.error().message.find("kiosk.data_dir"), std::string::npos)
        << config.error().message;
}

TEST(ConfigParser, MissingSectionIsNamed)
{
    const auto config = parseConfig("[kiosk]\nid = \"x\"\ndata_dir = \"/d\"\n", "k.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, ConfigErrc::missing_key);
    EXPECT_NE(config.error().message.find("'platform'"), std::string::npos)
        << config.error().message;
}

TEST(ConfigParser, WrongTypeNamesKeyAndLine)
{
    const auto config = parseConfig(withExtra("[queue]\nmax_mb = \"lots\"\n"), "kiosk.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, ConfigErrc::wrong_type);
    EXPECT_NE(config.error().message.find("queue.max_mb"), std::string::npos);
    EXPECT_NE(config.error().message.find("kiosk.toml:9"), std::string::npos)
        << config.error().message;
}

TEST(ConfigParser, SyntaxErrorGivesLine)
{
    const auto config = parseConfig("[kiosk]\nid = \"unterminated\n", "kiosk.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, ConfigErrc::syntax);
    EXPECT_NE(config.error().message.find("kiosk.toml:2"), std::string::npos)
        << config.error().message;
}

TEST(ConfigParser, UnknownCipherIsRefused)
{
    const auto config = parseConfig(withExtra("[queue]\ncipher = \"rot13\"\n"), "kiosk.toml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().code, ConfigErrc::bad_value);
    EXPECT_NE(config.error().message.find("aes-256-gcm"), std::string::npos);
}

TEST(ConfigParser, DeviceSpecsAreChecked)
{
    EXPECT_TRUE(parseConfig(withExtra("[devices]\ncard_reader = \"usb:0400:c35a\"\n"), "k"));
    EXPECT_TRUE(parseConfig(withExtra("[devices]\ncode_scanner = \"image:/tmp/a.png\"\n"), "k"));
    EXPECT_FALSE(parseConfig(withExtra("[devices]\ncard_reader = \"usb\"\n"), "k"));
    EXPECT_FALSE(parseConfig(withExtra("[devices]\ncard_reader = \"camera:/dev/video0\"\n"), "k"));
}

TEST(ConfigParser, DuplicateTrustedKeyIdIsRefused)
{
    const auto config = parseConfig(withExtra(R"(
[[catalog.trusted_keys]]
id = "a"
alg = "ed25519"
public_key_file = "/k1"
[[catalog.trusted_keys]]
id = "a"
alg = "sm2"
public_key_file = "/k2"
)"),
                                    "k");
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("duplicate trusted key id 'a'"), std::string::npos);
}

TEST(ConfigParser, PlainHttpNeedsLoopbackAndExplicitPermission)
{
    auto config = [](const std::string& platform) {
        return parseConfig("[kiosk]\nid = \"x\"\ndata_dir = \"/d\"\n[platform]\n" + platform, "k");
    };
    EXPECT_FALSE(config("url = \"http://127.0.0.1:8088\"\n"));
    EXPECT_TRUE(config("url = \"http://127.0.0.1:8088\"\nallow_insecure_loopback = true\n"));
    EXPECT_TRUE(config("url = \"http://[::1]:8088\"\nallow_insecure_loopback = true\n"));
    EXPECT_FALSE(config("url = \"http://10.0.0.1:8088\"\nallow_insecure_loopback = true\n"));
    EXPECT_FALSE(config("url = \"ftp://a\"\n"));
}

TEST(ConfigParser, ReceiptSectionAndA4PrinterAsTheSpecSays)
{
    const auto config = parseConfig(withExtra(R"(
[devices]
receipt_printer = "tcp:192.168.1.50:9100"
a4_printer = "cups:Office_A4"

[receipt]
location = "涪城区城郊街道便民服务中心"
qr_url_template = "https://zwfw.example.gov.cn/r/{ref}"
printer_profile = "generic-58"
)"),
                                    "kiosk.toml");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->receipt.location, "涪城区城郊街道便民服务中心");
    EXPECT_EQ(config->receipt.qrUrlTemplate, "https://zwfw.example.gov.cn/r/{ref}");
    EXPECT_EQ(config->devices.receiptPrinterProfile, "generic-58") << "handed to the driver";
    EXPECT_EQ(config->devices.a4Printer, "cups:Office_A4");

    const auto defaults = parseConfig(minimal, "kiosk.toml");
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->receipt.printerProfile, "generic-80");
    EXPECT_TRUE(defaults->devices.a4Printer.empty()) << "absent: no certificate printing";
}

TEST(ConfigParser, ReceiptTemplateWithoutRefOrA4PrinterOfAnotherKindIsRefused)
{
    auto noRef =
        parseConfig(withExtra("[receipt]\nqr_url_template = \"https://x.cn/r/\"\n"), "kiosk.toml");
    ASSERT_FALSE(noRef);
    EXPECT_NE(noRef.error().message.find("{ref}"), std::string::npos);
    auto notUrl =
        parseConfig(withExtra("[receipt]\nqr_url_template = \"ZWFW:{ref}\"\n"), "kiosk.toml");
    EXPECT_FALSE(notUrl);
    auto lpr = parseConfig(withExtra("[devices]\na4_printer = \"lpr:x\"\n"), "kiosk.toml");
    ASSERT_FALSE(lpr);
    EXPECT_NE(lpr.error().message.find("cups:"), std::string::npos);
    auto unknown = parseConfig(withExtra("[receipt]\nlogo = \"x.png\"\n"), "kiosk.toml");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ConfigErrc::unknown_key);
}

TEST(ConfigParser, DocumentCameraIsOptionalAndOneOfItsKinds)
{
    const auto defaults = parseConfig(minimal, "kiosk.toml");
    ASSERT_TRUE(defaults);
    EXPECT_TRUE(defaults->devices.documentCamera.empty()) << "absent: no material photos";
    for (const std::string spec : {"fake", "camera:/dev/video1", "image:/srv/page.jpg"}) {
        const auto config =
            parseConfig(withExtra("[devices]\ndocument_camera = \"" + spec + "\"\n"), "kiosk.toml");
        ASSERT_TRUE(config) << spec << ": " << config.error().message;
        EXPECT_EQ(config->devices.documentCamera, spec);
    }
    for (const std::string spec : {"video:/srv/a.avi", "camera:", "usb:0c45:6366"}) {
        const auto config =
            parseConfig(withExtra("[devices]\ndocument_camera = \"" + spec + "\"\n"), "kiosk.toml");
        ASSERT_FALSE(config) << spec;
        EXPECT_NE(config.error().message.find("document_camera"), std::string::npos);
        EXPECT_NE(config.error().message.find("image:"), std::string::npos);
    }
}

TEST(ConfigParser, TheAuditSectionChoosesTheHashAndTheSizes)
{
    const auto defaults = parseConfig(withExtra(""), "kiosk.toml");
    ASSERT_TRUE(defaults) << defaults.error().message;
    EXPECT_EQ(defaults->audit.hash, "sha256");
    EXPECT_EQ(defaults->audit.fileKb, 1024);
    EXPECT_EQ(defaults->audit.maxMb, 64);

    const auto sm3 = parseConfig(withExtra("[audit]\nhash = \"sm3\"\nfile_kb = 256\nmax_mb = 8\n"),
                                 "kiosk.toml");
    ASSERT_TRUE(sm3) << sm3.error().message;
    EXPECT_EQ(sm3->audit.hash, "sm3");
    EXPECT_EQ(sm3->audit.fileKb, 256);
    EXPECT_EQ(sm3->audit.maxMb, 8);

    const auto md5 = parseConfig(withExtra("[audit]\nhash = \"md5\"\n"), "kiosk.toml");
    ASSERT_FALSE(md5);
    EXPECT_NE(md5.error().message.find("audit.hash"), std::string::npos) << md5.error().message;
}

TEST(ConfigParser, SessionIdleTimeoutDefaultsTo90AndIsRead)
{
    const auto defaults = parseConfig(withExtra(""), "kiosk.toml");
    ASSERT_TRUE(defaults) << defaults.error().message;
    EXPECT_EQ(defaults->session.idleTimeoutS, 90);
    EXPECT_EQ(kiosk::core::SessionSection::kPromptBeforeS, 15);

    const auto set = parseConfig(withExtra("[session]\nidle_timeout_s = 120\n"), "kiosk.toml");
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set->session.idleTimeoutS, 120);

    for (const char* edge : {"30", "600"}) {
        const auto ok = parseConfig(
            withExtra(std::string("[session]\nidle_timeout_s = ") + edge + "\n"), "kiosk.toml");
        ASSERT_TRUE(ok) << edge << ": " << ok.error().message;
    }
}

TEST(ConfigParser, TheRemoteConfigVersionIsAWholeNumberFromZero)
{
    const auto defaults = parseConfig(withExtra(""), "kiosk.toml");
    ASSERT_TRUE(defaults) << defaults.error().message;
    EXPECT_EQ(defaults->remoteConfig.version, 0);
    const auto set =
        parseConfig(withExtra("[remote_config]\nversion = 2026120601\n"), "kiosk.toml");
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set->remoteConfig.version, 2026120601);
    for (const char* bad : {"-1", "\"3\"", "1.5", "9007199254740993"}) {
        const auto config = parseConfig(
            withExtra(std::string("[remote_config]\nversion = ") + bad + "\n"), "kiosk.toml");
        ASSERT_FALSE(config) << bad;
        EXPECT_NE(config.error().message.find("'remote_config.version' must be a whole number"),
                  std::string::npos)
            << config.error().message;
    }
}

TEST(ConfigParser, SessionIdleTimeoutOutOfRangeOrOfAnotherTypeNamesTheKey)
{
    for (const char* bad : {"29", "601", "0", "-90"}) {
        const auto config = parseConfig(
            withExtra(std::string("[session]\nidle_timeout_s = ") + bad + "\n"), "kiosk.toml");
        ASSERT_FALSE(config) << bad;
        EXPECT_EQ(config.error().code, ConfigErrc::bad_value) << bad;
        EXPECT_NE(config.error().message.find("kiosk.toml:9: 'session.idle_timeout_s'"),
                  std::string::npos)
            << config.error().message;
        EXPECT_NE(config.error().message.find("30 to 600"), std::string::npos)
            << config.error().message;
    }
    const auto text = parseConfig(withExtra("[session]\nidle_timeout_s = \"90\"\n"), "kiosk.toml");
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().code, ConfigErrc::wrong_type);
    EXPECT_NE(text.error().message.find("session.idle_timeout_s"), std::string::npos);
    const auto unknown = parseConfig(withExtra("[session]\nidle_timeout = 90\n"), "kiosk.toml");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ConfigErrc::unknown_key);
}

TEST(ConfigParser, TheFleetSectionIsOptionalAndReadWithTheClientCertificate)
{
    EXPECT_FALSE(parseConfig(minimal, "kiosk.toml")->fleet.has_value()) << "HTTP only by default";
    const auto config = parseConfig(withExtra(R"(
[fleet]
mqtt_url = "mqtts://broker.example.gov.cn:8883"
topic_prefix = "kiosk/510703"
ca_file = "/etc/kiosk/broker-ca.pem"
cert_file = "/etc/kiosk/kiosk.pem"
key_file = "/etc/kiosk/kiosk.key"
session_expiry_s = 86400
)"),
                                    "kiosk.toml");
    ASSERT_TRUE(config) << config.error().describe();
    ASSERT_TRUE(config->fleet);
    EXPECT_EQ(config->fleet->mqttUrl, "mqtts://broker.example.gov.cn:8883");
    EXPECT_EQ(config->fleet->topicPrefix, "kiosk/510703");
    EXPECT_EQ(config->fleet->caFile, "/etc/kiosk/broker-ca.pem");
    EXPECT_EQ(config->fleet->certFile, "/etc/kiosk/kiosk.pem");
    EXPECT_EQ(config->fleet->keyFile, "/etc/kiosk/kiosk.key");
    EXPECT_EQ(config->fleet->sessionExpiryS, 86400);

    // Without its own certificate the fleet uses the platform's (one identity per kiosk).
    const auto shared = parseConfig(R"(
[kiosk]
id = "SC-510703-0042"
data_dir = "/var/lib/kiosk"
[platform]
url = "https://platform.example.gov.cn/api"
ca_file = "/etc/kiosk/ca.pem"
cert_file = "/etc/kiosk/kiosk.pem"
key_file = "/etc/kiosk/kiosk.key"
[fleet]
mqtt_url = "mqtts://broker.example.gov.cn"
topic_prefix = "kiosk"
)",
                                    "kiosk.toml");
    ASSERT_TRUE(shared) << shared.error().describe();
    EXPECT_EQ(shared->fleet->certFile, "/etc/kiosk/kiosk.pem");
    EXPECT_EQ(shared->fleet->keyFile, "/etc/kiosk/kiosk.key");
    EXPECT_EQ(shared->fleet->caFile, "/etc/kiosk/ca.pem");
    EXPECT_EQ(shared->fleet->sessionExpiryS, 7 * 24 * 3600);
}

TEST(ConfigParser, ABadFleetSettingNamesTheKey)
{
    const std::string certs = "cert_file = \"/k.pem\"\nkey_file = \"/k.key\"\n";
    const std::vector<std::pair<std::string, std::string>> cases{
        {"mqtt_url = \"tcp://b:1883\"\ntopic_prefix = \"k\"\n" + certs, "'fleet.mqtt_url'"},
        {"mqtt_url = \"mqtts://\"\ntopic_prefix = \"k\"\n" + certs, "'fleet.mqtt_url'"},
        {"mqtt_url = \"mqtt://broker:1883\"\ntopic_prefix = \"k\"\n" + certs,
         "'fleet.mqtt_url' uses plain mqtt://"},
        {"mqtt_url = \"mqtts://b\"\ntopic_prefix = \"kiosk/#\"\n" + certs, "'fleet.topic_prefix'"},
        {"mqtt_url = \"mqtts://b\"\ntopic_prefix = \"/kiosk\"\n" + certs, "'fleet.topic_prefix'"},
        {"mqtt_url = \"mqtts://b\"\ntopic_prefix = \"a//b\"\n" + certs, "'fleet.topic_prefix'"},
        {"mqtt_url = \"mqtts://b\"\ntopic_prefix = \"k\"\n", "'fleet.cert_file' is needed"},
        {"mqtt_url = \"mqtts://b\"\ntopic_prefix = \"k\"\ncert_file = \"/k.pem\"\n",
         "'fleet.cert_file' and 'fleet.key_file' go together"},
        {"mqtt_url = \"mqtts://b\"\ntopic_prefix = \"k\"\nsession_expiry_s = 5\n" + certs,
         "'fleet.session_expiry_s' is 5"},
        {"topic_prefix = \"k\"\n" + certs, "missing required key 'fleet.mqtt_url'"},
        {"mqtt_url = \"mqtts://b\"\ntopic_prefix = \"k\"\nqos = 2\n" + certs,
         "unknown key 'fleet.qos'"},
    };
    for (const auto& [section, expected] : cases) {
        const auto config = parseConfig(withExtra("[fleet]\n" + section), "kiosk.toml");
        ASSERT_FALSE(config) << section;
        EXPECT_NE(config.error().message.find(expected), std::string::npos)
            << config.error().message;
    }
    // Plain MQTT only to loopback, and only when asked, like the platform's http://.
    const auto loopback = parseConfig(
        "[kiosk]\nid = \"K\"\ndata_dir = \"/d\"\n[platform]\nurl = \"http://127.0.0.1:8080\"\n"
        "allow_insecure_loopback = true\n[fleet]\nmqtt_url = \"mqtt://127.0.0.1:1883\"\n"
        "topic_prefix = \"k\"\n",
        "kiosk.toml");
    ASSERT_TRUE(loopback) << loopback.error().describe();
}
