// SPDX-License-Identifier: Apache-2.0
// Provisioning from a file: a valid file completes the configuration, writes the secrets with
// mode 0600 and wipes the source; each kind of bad file is refused with nothing written and no
// secret in the message; a second provisioning needs --replace. With the file's trust keys the
// kiosk must accept a catalog (specs/config.md: only signed ones): the one offered with the file
// must verify with them, or, without one, a configured or installed signed catalog must;
// otherwise it is refused before anything is written.
#include "kiosk/core/catalog_store.h"
#include "kiosk/core/config.h"
#include "kiosk/core/provisioning.h"
#include "offline_queue/cipher.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;
using kiosk::core::ProvisioningErrc;

std::string pemOf(EVP_PKEY* key, bool priv)
{
    BIO* bio = BIO_new(BIO_s_mem());
    if (priv)
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    else
        PEM_write_bio_PUBKEY(bio, key);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return text;
}

/// A self-signed P-256 certificate and its key, valid for a day.
struct Pair {
    std::string cert;
    std::string key;
};

Pair makePair(const char* commonName)
{
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0);
    X509_set_issuer_name(cert, X509_get_subject_name(cert));
    X509_set_pubkey(cert, key);
    X509_sign(cert, key, EVP_sha256());
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    Pair pair{std::string(data, static_cast<std::size_t>(size)), pemOf(key, true)};
    BIO_free(bio);
    X509_free(cert);
    EVP_PKEY_free(key);
    return pair;
}

using test_support::readText;
using test_support::shippedCatalogJson;
using test_support::signedEnvelope;

/// The catalog version of the envelopes the tests sign.
constexpr std::int64_t kCatalogVersion = 2026120101;

const std::string kQueueKeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// The parts of a provisioning file, each test changing one.
struct FileParts {
    std::string id = "SC-510703-0042";
    std::string url = "https://platform.example.gov.cn/api";
    std::string ca;
    std::string cert;
    std::string key;
    std::string trustKey;
    std::string queueKey = kQueueKeyHex;
    std::string extra; ///< appended at the end (an unknown member)
    bool withQueue = true;

    std::string text() const
    {
        std::string t = "format = 1\n\n[kiosk]\nid = \"" + id + "\"\n\n[platform]\nurl = \"" + url +
                        "\"\nca = '''\n" + ca + "'''\ncert = '''\n" + cert + "'''\nkey = '''\n" +
                        key + "'''\n\n[[catalog.trusted_keys]]\n" +
                        "id = \"province-2026-01\"\nalg = \"ed25519\"\npublic_key = '''\n" +
                        trustKey + "'''\n";
        if (withQueue)
            t += "\n[queue]\nkey = \"" + queueKey + "\"\n";
        return t + extra;
    }
};

class Provisioning : public ::testing::Test {
protected:
    void SetUp() override
    {
        fs::create_directories(dir_ / "etc");
        fs::create_directories(dir_ / "data");
        fs::create_directories(dir_ / "admin");
        writeConfig("UNPROVISIONED");
        static const Pair ca = makePair("Test Platform CA");
        static const Pair client = makePair("SC-510703-0042");
        parts_.ca = ca.cert;
        parts_.cert = client.cert;
        parts_.key = client.key;
        // The file's trust key (its private half stays with the administrator's signing).
        key_ = test_support::makeKey(dir_ / "admin", "province-2026-01", "ed25519");
        parts_.trustKey = readText(key_.trusted.publicKeyFile);
        offered_ = signedEnvelope(shippedCatalogJson(kCatalogVersion), key_);
    }

    /// The package's configuration; `catalogFile` sets [catalog] file.
    void writeConfig(const std::string& id, const std::string& catalogFile = "")
    {
        std::ofstream out(config());
        out << "[kiosk]\nid = \"" << id << "\"\ndata_dir = \"" << dir_.file("data")
            << "\"\n\n[platform]\n"
            << "url = \"https://platform.example.gov.cn/api\"\n\n"
            << "[queue]\nkey_file = \"" << queueKeyFile().string()
            << "\"\n\n[receipt]\nlocation = \"test\"\n";
        if (!catalogFile.empty())
            out << "\n[catalog]\nfile = \"" << catalogFile << "\"\n";
    }

    fs::path config() const { return dir_ / "etc" / "kiosk.toml"; }
    fs::path queueKeyFile() const { return dir_ / "data" / "keys" / "queue.key"; }
    fs::path source() const { return dir_ / "stick" / "kiosk-provisioning.toml"; }

    fs::path writeSource(const std::string& text) const
    {
        fs::create_directories(source().parent_path());
        std::ofstream(source()) << text;
        return source();
    }

    base::Result<kiosk::core::ProvisionReport> run(const FileParts& parts, bool replace = false)
    {
        return kiosk::core::provision(
            writeSource(parts.text()),
            {.configFile = config(), .replace = replace, .catalogEnvelope = offered_});
    }

    /// A refusal: the given code, nothing written (the folder as before), the source kept.
    void expectRefused(const FileParts& parts, ProvisioningErrc code, const std::string& says)
    {
        const std::string before = readText(config());
        auto result = run(parts);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, make_error_code(code)) << result.error().message;
        EXPECT_NE(result.error().message.find(says), std::string::npos) << result.error().message;
        EXPECT_EQ(result.error().message.find("PRIVATE KEY"), std::string::npos);
        EXPECT_EQ(result.error().message.find(kQueueKeyHex), std::string::npos);
        EXPECT_EQ(readText(config()), before);
        EXPECT_FALSE(fs::exists(dir_ / "etc" / "kiosk.key"));
        EXPECT_FALSE(fs::exists(dir_ / "etc" / "platform-ca.pem"));
        EXPECT_FALSE(fs::exists(dir_ / "etc" / "keys"));
        EXPECT_FALSE(fs::exists(queueKeyFile()));
        EXPECT_FALSE(fs::exists(dir_ / "data" / "catalog"));
        EXPECT_TRUE(fs::exists(source()));
    }

    test_support::TempDir dir_;
    FileParts parts_;
    test_support::TestKey key_;          ///< the file's trust key
    std::optional<std::string> offered_; ///< the envelope offered with the file (--catalog)
};

TEST_F(Provisioning, AValidFileCompletesTheConfigurationAndWipesTheSource)
{
    auto report = run(parts_);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->kioskId, "SC-510703-0042");
    EXPECT_TRUE(report->sourceWiped) << report->wipeProblem;
    EXPECT_FALSE(fs::exists(source()));
    EXPECT_EQ(report->written.back(), config());
    EXPECT_EQ(report->catalogVersion, kCatalogVersion); // the offered one
    EXPECT_TRUE(report->catalogSource.empty());

    auto config = kiosk::core::loadConfig(this->config());
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->kiosk.id, "SC-510703-0042");
    EXPECT_EQ(config->receipt.location, "test"); // the rest of the configuration is kept
    EXPECT_EQ(readText(config->platform.certFile), parts_.cert);
    EXPECT_EQ(readText(config->platform.keyFile), parts_.key);
    EXPECT_EQ(readText(config->platform.caFile), parts_.ca);
    ASSERT_EQ(config->catalog.trustedKeys.size(), 1U);
    EXPECT_EQ(readText(config->catalog.trustedKeys[0].publicKeyFile), parts_.trustKey);

    const std::string queueKey = readText(queueKeyFile());
    ASSERT_EQ(queueKey.size(), 32U);
    EXPECT_EQ(static_cast<unsigned char>(queueKey[1]), 0x11);
    queue::KeyFileMade made;
    auto loaded = queue::loadOrCreateKey(queueKeyFile(), made); // as the kiosk reads it
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_FALSE(made.key);
    EXPECT_EQ((*loaded)[31], 0xff);
    struct stat info {};
    ASSERT_EQ(::stat(queueKeyFile().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600U);
    ASSERT_EQ(::stat(config->platform.keyFile.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600U);
}

TEST_F(Provisioning, AKeyThatIsNotTheCertificatesIsRefusedAndNothingWritten)
{
    parts_.key = makePair("other").key;
    expectRefused(parts_, ProvisioningErrc::invalid, "does not belong to the certificate");
}

TEST_F(Provisioning, APlainHttpUrlIsRefused)
{
    parts_.url = "http://platform.example.gov.cn/api";
    expectRefused(parts_, ProvisioningErrc::invalid, "'platform.url' must be an https:// URL");
}

TEST_F(Provisioning, AMissingMemberIsRefusedByName)
{
    parts_.withQueue = false;
    expectRefused(parts_, ProvisioningErrc::invalid, "missing member 'queue'");
}

TEST_F(Provisioning, ABadKioskIdIsRefused)
{
    parts_.id = "SC 510703/0042";
    expectRefused(parts_, ProvisioningErrc::invalid, "'kiosk.id' must be");
}

TEST_F(Provisioning, AnUnknownMemberIsRefusedByName)
{
    parts_.extra = "comment = \"hello\"\n";
    expectRefused(parts_, ProvisioningErrc::invalid, "unknown member 'queue.comment'");
}

TEST_F(Provisioning, AShortQueueKeyIsRefusedWithoutQuotingIt)
{
    parts_.queueKey = "00112233";
    expectRefused(parts_, ProvisioningErrc::invalid, "'queue.key' must be 64 hexadecimal digits");
}

TEST_F(Provisioning, ACertificateThatDoesNotParseIsRefused)
{
    parts_.cert = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n";
    expectRefused(parts_, ProvisioningErrc::invalid, "'platform.cert' is not a PEM certificate");
}

TEST_F(Provisioning, ATrustKeyThatIsNotAPublicKeyIsRefused)
{
    parts_.trustKey = parts_.cert;
    expectRefused(parts_, ProvisioningErrc::invalid, "public_key' is not a PEM public key");
}

TEST_F(Provisioning, BrokenTomlIsRefusedWithItsPlaceOnly)
{
    parts_.extra = "[queue\nkey = \"" + kQueueKeyHex + "\"\n";
    expectRefused(parts_, ProvisioningErrc::invalid, "not valid TOML at line");
}

TEST_F(Provisioning, ASecondProvisioningNeedsReplace)
{
    ASSERT_TRUE(run(parts_));
    FileParts second = parts_;
    second.id = "SC-510703-0043";
    second.queueKey = std::string(63, '0') + "1";
    auto refused = run(second);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, make_error_code(ProvisioningErrc::already_provisioned));
    EXPECT_NE(refused.error().message.find("as kiosk SC-510703-0042"), std::string::npos);
    EXPECT_NE(refused.error().message.find("--replace"), std::string::npos);
    EXPECT_TRUE(fs::exists(source()));
    EXPECT_EQ(kiosk::core::loadConfig(config())->kiosk.id, "SC-510703-0042");

    auto replaced = run(second, true);
    ASSERT_TRUE(replaced) << replaced.error().message;
    EXPECT_EQ(replaced->previousKioskId, "SC-510703-0042");
    EXPECT_TRUE(replaced->queueKeyChanged);
    EXPECT_EQ(kiosk::core::loadConfig(config())->kiosk.id, "SC-510703-0043");
    EXPECT_FALSE(fs::exists(source()));
}

TEST_F(Provisioning, WithoutACatalogTheKioskAcceptsItIsRefusedAndNothingWritten)
{
    // The package's configuration names no catalog: the shipped one, a plain catalog, which a
    // kiosk with trust keys refuses; nothing is installed under data_dir.
    offered_.reset();
    expectRefused(parts_, ProvisioningErrc::no_catalog,
                  "after this provisioning the kiosk would accept no catalog");
    auto result = run(parts_);
    ASSERT_FALSE(result);
    const auto& message = result.error().message;
    EXPECT_NE(message.find("a plain catalog is not accepted"), std::string::npos) << message;
    EXPECT_NE(message.find("kiosk-catalog.envelope.json"), std::string::npos) << message;
    EXPECT_NE(message.find("--catalog"), std::string::npos) << message;
}

TEST_F(Provisioning, ACatalogSignedWithAKeyNotInTheFileIsRefused)
{
    // Another key under the same id: the signature does not verify.
    fs::create_directories(dir_ / "other");
    const auto impostor = test_support::makeKey(dir_ / "other", "province-2026-01", "ed25519");
    offered_ = signedEnvelope(shippedCatalogJson(kCatalogVersion), impostor);
    expectRefused(parts_, ProvisioningErrc::no_catalog,
                  "does not verify with the provisioned trust keys");
    EXPECT_NE(run(parts_).error().message.find("signature by \"province-2026-01\" does not verify"),
              std::string::npos);

    // A key id the file does not list.
    const auto unknown = test_support::makeKey(dir_ / "other", "city-2026-01", "ed25519");
    offered_ = signedEnvelope(shippedCatalogJson(kCatalogVersion), unknown);
    expectRefused(parts_, ProvisioningErrc::no_catalog, "\"city-2026-01\" is not a trusted key");
}

TEST_F(Provisioning, APlainCatalogOfferedIsRefused)
{
    offered_ = shippedCatalogJson(kCatalogVersion).dump();
    expectRefused(parts_, ProvisioningErrc::no_catalog,
                  "does not verify with the provisioned trust keys");
}

TEST_F(Provisioning, ASignedCatalogInstalledUnderDataDirSuffices)
{
    kiosk::core::CatalogStore store(dir_ / "data", {key_.trusted});
    ASSERT_TRUE(store.install(*offered_, {}));
    offered_.reset();
    auto report = run(parts_);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->catalogVersion, kCatalogVersion);
    EXPECT_EQ(report->catalogSource, store.currentPath());
}

TEST_F(Provisioning, AnInstalledCatalogSignedWithAnotherKeyDoesNotCount)
{
    fs::create_directories(dir_ / "other");
    const auto other = test_support::makeKey(dir_ / "other", "city-2026-01", "ed25519");
    kiosk::core::CatalogStore store(dir_ / "data", {other.trusted});
    ASSERT_TRUE(store.install(signedEnvelope(shippedCatalogJson(kCatalogVersion), other), {}));
    const std::string installed = readText(store.currentPath());
    offered_.reset();
    auto refused = run(parts_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, make_error_code(ProvisioningErrc::no_catalog));
    EXPECT_EQ(readText(store.currentPath()), installed);
    EXPECT_TRUE(fs::exists(source()));
}

TEST_F(Provisioning, AConfiguredSignedCatalogFileSuffices)
{
    const auto file = dir_ / "etc" / "catalog.envelope.json";
    std::ofstream(file) << *offered_;
    writeConfig("UNPROVISIONED", file.string());
    offered_.reset();
    auto report = run(parts_);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->catalogVersion, kCatalogVersion);
    EXPECT_EQ(report->catalogSource, file);
    EXPECT_EQ(kiosk::core::loadConfig(config())->catalog.file, file); // kept
}

TEST(KioskId, FollowsTheHeaderAndTopicRules)
{
    EXPECT_TRUE(kiosk::core::validKioskId("SC-510703-0042"));
    EXPECT_FALSE(kiosk::core::validKioskId(""));
    EXPECT_FALSE(kiosk::core::validKioskId("UNPROVISIONED"));
    EXPECT_FALSE(kiosk::core::validKioskId("-leading"));
    EXPECT_FALSE(kiosk::core::validKioskId("a/b"));
    EXPECT_FALSE(kiosk::core::validKioskId(std::string(65, 'a')));
}

} // namespace
