// SPDX-License-Identifier: Apache-2.0
// kioskctl catalog as administrators and technicians run it: keys made with the openssl CLI,
// `catalog sign` for both algorithms, verify, install (with the rollback rule), show, search
// and diff, all through the real binary.
#include "platform_sim/server.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace {

using Json = nlohmann::json;

using Outcome = kiosk::test::CommandOutcome;

Outcome run(const std::string& command)
{
    return kiosk::test::runCommand(command);
}

Outcome kioskctl(const std::string& arguments)
{
    return run(std::string(KIOSKCTL_PATH) + " " + arguments);
}

class CatalogCommand : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        const std::string alg = GetParam() == "sm2" ? "SM2" : "ed25519";
        ASSERT_EQ(
            run("openssl genpkey -algorithm " + alg + " -out " + dir_.file("admin.pem")).exitCode,
            0);
        ASSERT_EQ(run("openssl pkey -in " + dir_.file("admin.pem") + " -pubout -out " +
                      dir_.file("admin.pub.pem"))
                      .exitCode,
                  0);
        std::ofstream(config()) << "[kiosk]\nid = \"SC-510703-0042\"\ndata_dir = \""
                                << dir_.file("data") << "\"\n\n[platform]\nurl = "
                                << "\"http://127.0.0.1:9/api\"\nallow_insecure_loopback = true\n\n"
                                << "[catalog]\nfile = \"" << dir_.file("shipped.json") << "\"\n"
                                << "[[catalog.trusted_keys]]\nid = \"province-2026-01\"\nalg = \""
                                << GetParam() << "\"\npublic_key_file = \""
                                << dir_.file("admin.pub.pem") << "\"\n";
        writeCatalog("v1.json", 2026112401);
        ASSERT_EQ(sign("v1.json", "shipped.json").exitCode, 0);
    }

    /// The shipped catalog with another version, as an administrator would edit it.
    void writeCatalog(const std::string& name, std::int64_t version, void (*edit)(Json&) = nullptr)
    {
        std::ifstream in(KIOSK_SHIPPED_CATALOG);
        auto json = Json::parse(in);
        json["catalogVersion"] = version;
        if (edit != nullptr)
            edit(json);
        std::ofstream(dir_ / name) << json.dump(2);
    }

    Outcome sign(const std::string& catalog, const std::string& envelope)
    {
        return run(std::string(KIOSKCTL_PATH) + " catalog sign --key " + dir_.file("admin.pem") +
                   " --key-id province-2026-01 --alg " + GetParam() + " " + dir_.file(catalog) +
                   " > " + dir_.file(envelope));
    }

    std::string config() const { return dir_.file("kiosk.toml"); }
    std::string withConfig() const { return " --config " + config() + " --json"; }

    test_support::TempDir dir_;
};

} // namespace

TEST_P(CatalogCommand, SignVerifyInstallAndShow)
{
    auto verified = kioskctl("catalog verify " + dir_.file("shipped.json") + withConfig());
    ASSERT_EQ(verified.exitCode, 0) << verified.out;
    EXPECT_EQ(Json::parse(verified.out),
              (Json{{"ok", true}, {"catalogVersion", 2026112401}, {"items", 200}}));

    writeCatalog("v2.json", 2026120101);
    ASSERT_EQ(sign("v2.json", "v2.envelope").exitCode, 0);
    auto installed = kioskctl("catalog install " + dir_.file("v2.envelope") + withConfig());
    ASSERT_EQ(installed.exitCode, 0) << installed.out;
    EXPECT_EQ(Json::parse(installed.out)["catalogVersion"], 2026120101);

    auto shown = kioskctl("catalog show" + withConfig());
    ASSERT_EQ(shown.exitCode, 0) << shown.out;
    const auto show = Json::parse(shown.out);
    EXPECT_EQ(show["catalogVersion"], 2026120101);
    EXPECT_EQ(show["region"], "510703");
    ASSERT_EQ(show["items"].size(), 200u);
    for (const char* key : {"code", "name", "department", "theme", "kind", "online", "enabled"})
        EXPECT_TRUE(show["items"][0].contains(key)) << key;

    // The audit trail records the install, by kioskctl, and verifies.
    auto trail = kioskctl("audit show --since 2000" + withConfig());
    ASSERT_EQ(trail.exitCode, 0) << trail.out;
    const auto records = Json::parse(trail.out);
    ASSERT_EQ(records.size(), 1u) << trail.out;
    EXPECT_EQ(records[0]["event"], "catalog.installed");
    EXPECT_EQ(records[0]["actor"], "kioskctl");
    EXPECT_EQ(records[0]["object"], "catalog 2026120101");
    EXPECT_EQ(kioskctl("audit verify" + withConfig()).exitCode, 0);
}

TEST_P(CatalogCommand, RollbackNeedsAllowRollback)
{
    writeCatalog("v2.json", 2026120101);
    ASSERT_EQ(sign("v2.json", "v2.envelope").exitCode, 0);
    ASSERT_EQ(kioskctl("catalog install " + dir_.file("v2.envelope") + withConfig()).exitCode, 0);
    writeCatalog("old.json", 2026110101);
    ASSERT_EQ(sign("old.json", "old.envelope").exitCode, 0);

    auto refused = kioskctl("catalog install " + dir_.file("old.envelope") + withConfig());
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_NE(
        Json::parse(refused.out)["error"]["message"].get<std::string>().find("--allow-rollback"),
        std::string::npos);
    EXPECT_EQ(Json::parse(kioskctl("catalog show" + withConfig()).out)["catalogVersion"],
              2026120101);

    auto rolledBack = kioskctl("catalog install " + dir_.file("old.envelope") +
                               " --allow-rollback" + withConfig());
    ASSERT_EQ(rolledBack.exitCode, 0) << rolledBack.out;
    EXPECT_EQ(Json::parse(rolledBack.out)["rollback"], true);
}

TEST_P(CatalogCommand, VerifyRefusesTamperedAndUnsignedFilesWithTheReason)
{
    std::ifstream in(dir_ / "shipped.json");
    auto envelope = Json::parse(in);
    envelope["keyId"] = "somebody-else";
    std::ofstream(dir_ / "unknown.json") << envelope.dump();
    auto refused = kioskctl("catalog verify " + dir_.file("unknown.json") + withConfig());
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(Json::parse(refused.out)["error"]["message"].get<std::string>().find("somebody-else"),
              std::string::npos);

    refused = kioskctl("catalog verify " + dir_.file("v1.json") + withConfig());
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(Json::parse(refused.out)["error"]["message"].get<std::string>().find("plain catalog"),
              std::string::npos);
}

TEST_P(CatalogCommand, SearchAndDiff)
{
    auto found = kioskctl("catalog search shbx --limit 3" + withConfig());
    ASSERT_EQ(found.exitCode, 0) << found.out;
    const auto hits = Json::parse(found.out);
    ASSERT_EQ(hits.size(), 3u);
    EXPECT_NE(hits[0]["name"].get<std::string>().find("社会保险"), std::string::npos);
    EXPECT_EQ(hits[0].size(), 4u); // code, name, department, theme

    // The everyday word: found through the catalog's synonyms, which the answer names.
    for (const std::string query : {"社保", "shebao", "sb"}) {
        auto everyday = kioskctl("catalog search " + query + " --limit 3" + withConfig());
        ASSERT_EQ(everyday.exitCode, 0) << everyday.out;
        const auto first = Json::parse(everyday.out).at(0);
        EXPECT_NE(first["name"].get<std::string>().find("社会保险"), std::string::npos) << query;
        EXPECT_EQ(first["synonym"], (Json{{"term", "社保"}, {"means", "社会保险"}})) << query;
    }

    writeCatalog("v2.json", 2026120101, [](Json& json) {
        json["items"][0]["name"] = "改名后的事项";
        json["items"].erase(1);
        auto added = json["items"][2];
        added["code"] = "NEW-0001";
        json["items"].push_back(added);
    });
    auto diff = kioskctl("catalog diff " + dir_.file("shipped.json") + " " + dir_.file("v2.json") +
                         " --json");
    ASSERT_EQ(diff.exitCode, 0) << diff.out;
    const auto report = Json::parse(diff.out);
    ASSERT_EQ(report["added"].size(), 1u);
    EXPECT_EQ(report["added"][0]["code"], "NEW-0001");
    EXPECT_EQ(report["removed"].size(), 1u);
    ASSERT_EQ(report["changed"].size(), 1u);
    EXPECT_EQ(report["changed"][0]["fields"], Json::array({"name"}));
    EXPECT_FALSE(report.contains("synonyms")); // unchanged

    // An administrator extends the synonyms: the diff names the terms.
    writeCatalog("v3.json", 2026120201, [](Json& json) {
        json["synonyms"].push_back({{"term", "社保局"}, {"means", {"社会保险"}}});
        json["synonyms"][0]["means"].push_back("社会保障卡");
        json["synonyms"].erase(1);
    });
    diff =
        kioskctl("catalog diff " + dir_.file("v1.json") + " " + dir_.file("v3.json") + " --json");
    ASSERT_EQ(diff.exitCode, 0) << diff.out;
    EXPECT_EQ(Json::parse(diff.out)["synonyms"],
              (Json{{"added", {"社保局"}}, {"removed", {"社保卡"}}, {"changed", {"社保"}}}));
}

TEST_P(CatalogCommand, FleetPublishCatalogChecksTheEnvelopeThenHandsItToThePlatform)
{
    std::ofstream(dir_.file("served.json")) << "{}";
    platform_sim::Options options;
    options.catalogFile = dir_.file("served.json");
    auto sim = platform_sim::Server::start(options);
    ASSERT_TRUE(sim) << sim.error().describe();
    writeCatalog("v2.json", 2026112402);
    ASSERT_EQ(sign("v2.json", "v2.envelope").exitCode, 0);
    const std::string platform = " --platform " + (*sim)->baseUrl();

    auto published = kioskctl("fleet publish-catalog " + dir_.file("v2.envelope") + platform +
                              " --config " + config() + " --json");

    ASSERT_EQ(published.exitCode, 0) << published.out;
    EXPECT_EQ(Json::parse(published.out)["catalogVersion"], 2026112402);
    EXPECT_EQ(Json::parse(published.out)["signatureChecked"], true);
    std::ifstream served(dir_.file("served.json"));
    std::stringstream servedText;
    servedText << served.rdbuf();
    std::ifstream signedFile(dir_.file("v2.envelope"));
    std::stringstream envelopeText;
    envelopeText << signedFile.rdbuf();
    EXPECT_EQ(servedText.str(), envelopeText.str());
    EXPECT_EQ(Json::parse(published.out)["etag"].get<std::string>().size(), 66u);
}

TEST_P(CatalogCommand, FleetPublishCatalogRefusesWhatWouldNotVerifyAndSaysWhy)
{
    std::ofstream(dir_.file("served.json")) << "{}";
    platform_sim::Options options;
    options.catalogFile = dir_.file("served.json");
    auto sim = platform_sim::Server::start(options);
    ASSERT_TRUE(sim) << sim.error().describe();
    writeCatalog("v2.json", 2026112402);
    ASSERT_EQ(sign("v2.json", "v2.envelope").exitCode, 0);
    std::ifstream in(dir_.file("v2.envelope"));
    auto tampered = Json::parse(in);
    writeCatalog("v3.json", 2026112403);
    // Another payload under the old signature.
    tampered["payload"] = run("base64 -w0 " + dir_.file("v3.json")).out;
    std::ofstream(dir_.file("tampered.envelope")) << tampered.dump();
    const std::string platform = " --platform " + (*sim)->baseUrl();

    auto badSignature = kioskctl("fleet publish-catalog " + dir_.file("tampered.envelope") +
                                 platform + " --trusted-key province-2026-01:" + GetParam() + ":" +
                                 dir_.file("admin.pub.pem") + " --json");
    auto plain = kioskctl("fleet publish-catalog " + dir_.file("v2.json") + platform + " --json");
    auto badKeySpec = kioskctl("fleet publish-catalog " + dir_.file("v2.envelope") + platform +
                               " --trusted-key nonsense");
    auto unchecked = kioskctl("fleet publish-catalog " + dir_.file("tampered.envelope") + platform);

    EXPECT_EQ(badSignature.exitCode, 1);
    EXPECT_NE(badSignature.out.find("signature"), std::string::npos) << badSignature.out;
    EXPECT_EQ(plain.exitCode, 1);
    EXPECT_NE(plain.out.find("not published"), std::string::npos) << plain.out;
    EXPECT_EQ(badKeySpec.exitCode, 2);
    // Without trusted keys the envelope only has to parse, and the output says so.
    EXPECT_EQ(unchecked.exitCode, 0);
    EXPECT_NE(unchecked.out.find("signature not checked"), std::string::npos) << unchecked.out;
}

INSTANTIATE_TEST_SUITE_P(Algorithms, CatalogCommand, ::testing::Values("ed25519", "sm2"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                             return param.param;
                         });
