// SPDX-License-Identifier: Apache-2.0
// Installing signed catalogs under data_dir: newer only (rollback by a technician only),
// atomic with a last-known-good copy, every accept and refusal audited with its reason, and
// the precedence of specs/config.md (a newer installed catalog wins over catalog.file).
#include "base/manual_clock.h"
#include "kiosk/core/audit_verify.h"
#include "kiosk/core/catalog_store.h"
#include "kiosk/core/service_catalog.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <set>
#include <string>

using kiosk::core::CatalogStore;
using test_support::makeKey;
using test_support::readText;
using test_support::shippedCatalogJson;
using test_support::signedEnvelope;
using Json = nlohmann::json;

namespace {

class CatalogStoreTest : public ::testing::Test {
protected:
    CatalogStoreTest()
        : key_(makeKey(dir_.path(), "province-2026-01", "ed25519")), trail_(openTrail()),
          store_(dir_ / "data", {key_.trusted}, trail_.get())
    {
    }

    static CatalogStore::InstallOptions options(std::int64_t inService, bool rollback = false)
    {
        CatalogStore::InstallOptions o;
        o.origin = rollback ? "usb" : "platform";
        o.inServiceVersion = inService;
        o.allowRollback = rollback;
        return o;
    }

    std::unique_ptr<kiosk::core::AuditTrail> openTrail()
    {
        auto trail = kiosk::core::AuditTrail::open(dir_ / "data", {}, clock_);
        EXPECT_TRUE(trail);
        return std::move(*trail);
    }

    /// The trail's records, each with its detail merged in (what audit.log held before).
    std::vector<Json> auditRecords() const
    {
        std::vector<Json> records;
        auto read = kiosk::core::readAuditRecords(dir_ / "data", "");
        EXPECT_TRUE(read);
        for (auto record : read.value_or(std::vector<Json>{})) {
            record.update(record["detail"]);
            records.push_back(std::move(record));
        }
        return records;
    }

    kiosk::core::Config config() const
    {
        kiosk::core::Config config;
        config.kiosk.dataDir = dir_ / "data";
        config.catalog.trustedKeys = {key_.trusted};
        return config;
    }

    base::ManualClock clock_; ///< stamps the audit records
    test_support::TempDir dir_;
    test_support::TestKey key_;
    std::unique_ptr<kiosk::core::AuditTrail> trail_;
    CatalogStore store_;
};

} // namespace

TEST_F(CatalogStoreTest, InstallsANewerCatalogAndKeepsTheOldOneAsLastKnownGood)
{
    const auto first = signedEnvelope(shippedCatalogJson(2026120101), key_);
    const auto second = signedEnvelope(shippedCatalogJson(2026120201), key_);
    ASSERT_TRUE(store_.install(first, options(2026112301)));
    clock_.advance(std::chrono::seconds(90));
    auto installed = store_.install(second, options(2026120101));
    ASSERT_TRUE(installed) << installed.error().message;
    EXPECT_EQ(installed->catalog.catalogVersion, 2026120201);
    EXPECT_EQ(readText(store_.currentPath()), second);
    EXPECT_EQ(readText(store_.previousPath()), first);
    std::set<std::string> names; // no temporary file left behind
    for (const auto& entry :
         std::filesystem::directory_iterator(store_.currentPath().parent_path()))
        names.insert(entry.path().filename().string());
    EXPECT_EQ(names, (std::set<std::string>{"current.json", "previous.json"}));
    struct stat info {};
    ASSERT_EQ(::stat((dir_ / "data").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);

    const auto records = auditRecords();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0]["time"], "2026-11-23T02:00:00.000Z"); // the trail's clock, in UTC
    EXPECT_EQ(records[1]["time"], "2026-11-23T02:01:30.000Z");
    EXPECT_EQ(records[1]["object"], "catalog 2026120201");
    EXPECT_EQ(records[1]["result"], "ok");
    EXPECT_EQ(records[1]["event"], "catalog.installed");
    EXPECT_EQ(records[1]["catalogVersion"], 2026120201);
    EXPECT_EQ(records[1]["keyId"], "province-2026-01");
    EXPECT_EQ(records[1]["rollback"], false);
}

TEST_F(CatalogStoreTest, RefusesOlderOrEqualVersionsUnlessATechnicianAllowsARollback)
{
    const auto older = signedEnvelope(shippedCatalogJson(2026110101), key_);
    auto refused = store_.install(older, options(2026112301));
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("older than the installed 2026112301"),
              std::string::npos);
    EXPECT_FALSE(
        store_.install(signedEnvelope(shippedCatalogJson(2026112301), key_), options(2026112301)));
    EXPECT_FALSE(std::filesystem::exists(store_.currentPath()));

    ASSERT_TRUE(store_.install(older, options(2026112301, /*rollback=*/true)));
    const auto records = auditRecords();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0]["event"], "catalog.refused");
    EXPECT_NE(records[0]["reason"].get<std::string>().find("--allow-rollback"), std::string::npos);
    EXPECT_EQ(records[1]["event"], "catalog.refused");
    EXPECT_EQ(records[0]["result"], "refused");
    EXPECT_EQ(records[2]["event"], "catalog.rolled_back");
    EXPECT_EQ(records[2]["rollback"], true);
    EXPECT_EQ(records[2]["origin"], "usb");
}

TEST_F(CatalogStoreTest, BadInputIsRefusedAuditedAndTheInstalledCatalogStays)
{
    const auto good = signedEnvelope(shippedCatalogJson(2026120101), key_);
    ASSERT_TRUE(store_.install(good, options(0)));
    auto json = Json::parse(signedEnvelope(shippedCatalogJson(2026120201), key_));
    auto unknownKey = json;
    unknownKey["keyId"] = "nobody";
    auto badBase64 = json;
    badBase64["payload"] = json["payload"].get<std::string>().substr(1);
    for (const std::string& bad : {json.dump().substr(0, 100), unknownKey.dump(), badBase64.dump(),
                                   std::string("\xff\xfe{}")}) {
        EXPECT_FALSE(store_.install(bad, options(2026120101)));
        EXPECT_EQ(readText(store_.currentPath()), good);
    }
    const auto records = auditRecords();
    ASSERT_EQ(records.size(), 5u);
    for (std::size_t i = 1; i < records.size(); ++i) {
        EXPECT_EQ(records[i]["event"], "catalog.refused");
        EXPECT_FALSE(records[i]["reason"].get<std::string>().empty());
    }
    EXPECT_EQ(store_.installed()->catalog.catalogVersion, 2026120101);
}

TEST_F(CatalogStoreTest, HugeInputIsRefusedBeforeParsing)
{
    ASSERT_TRUE(store_.install(signedEnvelope(shippedCatalogJson(2026120101), key_), options(0)));
    // Over the limit for an envelope of a 50 MiB catalog: refused unread.
    const std::string huge(70u * 1024u * 1024u, ' ');
    auto refused = store_.install(huge, options(2026120101));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, kiosk::core::CatalogErrc::too_large);
    EXPECT_NE(refused.error().message.find("50 MiB"), std::string::npos);
    EXPECT_EQ(store_.installed()->catalog.catalogVersion, 2026120101);

    auto cfg = config();
    cfg.catalog.file = dir_ / "huge.json";
    std::ofstream(*cfg.catalog.file).close();
    std::filesystem::resize_file(*cfg.catalog.file, huge.size()); // sparse: quick to make
    auto service = kiosk::core::loadConfiguredCatalog(cfg);
    ASSERT_FALSE(service);
    EXPECT_EQ(service.error().code, kiosk::core::CatalogErrc::too_large);
}

TEST_F(CatalogStoreTest, ACorruptedCurrentCopyFallsBackToTheLastKnownGood)
{
    ASSERT_TRUE(store_.install(signedEnvelope(shippedCatalogJson(2026120101), key_), options(0)));
    ASSERT_TRUE(
        store_.install(signedEnvelope(shippedCatalogJson(2026120201), key_), options(2026120101)));
    std::ofstream(store_.currentPath(), std::ios::trunc) << "{\"alg\":";
    auto installed = store_.installed();
    ASSERT_TRUE(installed);
    EXPECT_EQ(installed->catalog.catalogVersion, 2026120101);
    EXPECT_EQ(auditRecords().back()["event"], "catalog.unusable");
}

TEST_F(CatalogStoreTest, ANewerInstalledCatalogWinsOverTheConfiguredFile)
{
    auto cfg = config();
    cfg.catalog.file = dir_ / "configured.json";
    std::ofstream(*cfg.catalog.file) << signedEnvelope(shippedCatalogJson(2026112301), key_);
    auto service = kiosk::core::findServiceCatalog(cfg);
    ASSERT_TRUE(service) << service.error().message;
    EXPECT_EQ(service->catalog.catalogVersion, 2026112301);
    EXPECT_FALSE(service->installed);
    EXPECT_TRUE(service->signedEnvelope);

    ASSERT_TRUE(
        store_.install(signedEnvelope(shippedCatalogJson(2026120101), key_), options(2026112301)));
    service = kiosk::core::findServiceCatalog(cfg);
    ASSERT_TRUE(service);
    EXPECT_EQ(service->catalog.catalogVersion, 2026120101);
    EXPECT_TRUE(service->installed);

    // A newer configured file (a software update) wins over an older installed catalog.
    std::ofstream(*cfg.catalog.file, std::ios::trunc)
        << signedEnvelope(shippedCatalogJson(2026120301), key_);
    EXPECT_EQ(kiosk::core::loadServiceCatalog(cfg)->catalogVersion, 2026120301);
}

TEST_F(CatalogStoreTest, WithTrustedKeysAPlainCatalogIsRefused)
{
    auto cfg = config();
    auto refused = kiosk::core::loadServiceCatalog(cfg); // the shipped plain catalog
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("plain catalog is not accepted"), std::string::npos);

    cfg.catalog.trustedKeys.clear();
    EXPECT_TRUE(kiosk::core::loadServiceCatalog(cfg));
}
