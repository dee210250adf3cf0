// SPDX-License-Identifier: Apache-2.0
// Tests of the catalog parser (errors name item and field) and the schema check of the shipped
// catalog.
#include "kiosk/core/catalog.h"
#include "kiosk/core/service_catalog.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

using kiosk::core::Catalog;
using kiosk::core::CatalogErrc;
using kiosk::core::ItemKind;
using kiosk::core::parseCatalog;
using Json = nlohmann::json;

namespace {

Json validItem(const std::string& code)
{
    return Json::parse(
        R"({
      "code": ")" +
        code + R"(", "name": "社会保险个人权益记录打印", "department": "区人力资源和社会保障局",
      "theme": "社会保险", "kind": "apply", "auth": "idcard", "online": "preferred", "hot": 5, "enabled": true,
      "guide": { "legalBasis": "《中华人民共和国社会保险法》第七十四条", "timeLimitDays": 0, "fee": "不收费",
                 "conditions": "本区参保人员", "materials": [ { "name": "居民身份证", "required": true } ],
                 "process": [ "刷身份证", "确认信息", "打印" ] },
      "form": { "fields": [
        { "id": "name", "label": "姓名", "type": "text", "required": true, "prefill": "card.name" },
        { "id": "phone", "label": "联系电话", "type": "phone", "required": true },
        { "id": "year", "label": "年度", "type": "choice", "required": true, "options": ["2025", "2026"] } ] }
    })");
}

Json validCatalog()
{
    return Json{{"schemaVersion", 1},
                {"catalogVersion", 2026112301},
                {"region", "510703"},
                {"issuedAt", "2026-11-23T08:00:00+08:00"},
                {"reasons", Json::array({{{"code", "R01"}, {"text", "办事指南不清楚"}}})},
                {"items", Json::array({validItem("A1"), validItem("A2")})}};
}

std::string errorOf(const Json& catalog)
{
    auto parsed = parseCatalog(catalog.dump());
    EXPECT_FALSE(parsed) << "expected a refusal";
    return parsed ? std::string{} : parsed.error().message;
}

} // namespace

TEST(CatalogParser, ReadsEveryField)
{
    auto catalog = parseCatalog(validCatalog().dump());
    ASSERT_TRUE(catalog) << catalog.error().message;
    EXPECT_EQ(catalog->catalogVersion, 2026112301);
    ASSERT_EQ(catalog->items.size(), 2u);
    const auto& item = catalog->items[0];
    EXPECT_EQ(item.kind, ItemKind::Apply);
    EXPECT_EQ(item.guide.materials.at(0).name, "居民身份证");
    EXPECT_EQ(item.guide.process.size(), 3u);
    ASSERT_EQ(item.form.fields.size(), 3u);
    EXPECT_EQ(item.form.fields[0].prefill, "card.name");
    EXPECT_EQ(item.form.fields[2].options.size(), 2u);
    EXPECT_EQ(catalog->findItem("A2"), &catalog->items[1]);
    EXPECT_EQ(catalog->findItem("nope"), nullptr);
}

TEST(CatalogParser, PreservesUnknownFieldsInsteadOfRejecting)
{
    auto json = validCatalog();
    json["publisher"] = "省政务服务和公共资源交易服务中心";
    json["items"][0]["keywords"] = Json::array({"社保"});
    json["items"][0]["guide"]["window"] = "一楼3号窗口";
    auto catalog = parseCatalog(json.dump());
    ASSERT_TRUE(catalog) << catalog.error().message;
    EXPECT_EQ(catalog->extra, (Json{{"publisher", "省政务服务和公共资源交易服务中心"}}));
    EXPECT_EQ(catalog->items[0].extra, (Json{{"keywords", Json::array({"社保"})}}));
    EXPECT_EQ(catalog->items[1].extra, Json::object());

    // Re-serialised, the unknown members are still there and the catalog parses the same.
    const auto again = kiosk::core::toJson(*catalog);
    EXPECT_EQ(again["publisher"], json["publisher"]);
    EXPECT_EQ(again["items"][0]["keywords"], json["items"][0]["keywords"]);
    EXPECT_EQ(again["items"][0]["guide"]["window"], "一楼3号窗口");
    auto reparsed = parseCatalog(again.dump());
    ASSERT_TRUE(reparsed);
    EXPECT_EQ(kiosk::core::toJson(*reparsed), again);
}

TEST(CatalogParser, SerialisesTheShippedCatalogWithoutLoss)
{
    std::ifstream in(kiosk::core::shippedCatalogPath(), std::ios::binary);
    const auto original = Json::parse(in);
    auto catalog = parseCatalog(original.dump());
    ASSERT_TRUE(catalog);
    EXPECT_EQ(kiosk::core::toJson(*catalog), original);
}

TEST(CatalogParser, ErrorsNameTheItemAndTheField)
{
    auto json = validCatalog();
    json["items"][1]["guide"]["timeLimitDays"] = -3;
    EXPECT_EQ(errorOf(json), "items[1] (A2).guide.timeLimitDays: must be an integer >= 0");

    json = validCatalog();
    json["items"][0].erase("department");
    EXPECT_EQ(errorOf(json), "items[0] (A1).department: is required");

    json = validCatalog();
    json["items"][0]["kind"] = "apply-online";
    EXPECT_EQ(errorOf(json), "items[0] (A1).kind: unknown value \"apply-online\"");

    json = validCatalog();
    json["items"][0]["form"]["fields"][2]["options"] = Json::array({"2026"});
    EXPECT_EQ(errorOf(json),
              "items[0] (A1).form.fields[2].options: a choice field needs at least two options");

    json = validCatalog();
    json["items"][0]["form"]["fields"][0]["prefill"] = "card.photo";
    EXPECT_EQ(errorOf(json),
              "items[0] (A1).form.fields[0].prefill: unknown card field \"card.photo\"");
}

TEST(CatalogParser, ReadsAnOptionalEnglishNameAndKeepsIt)
{
    auto json = validCatalog();
    json["items"][0]["nameEn"] = "Print of personal social insurance records";
    auto catalog = parseCatalog(json.dump());
    ASSERT_TRUE(catalog) << catalog.error().message;
    EXPECT_EQ(catalog->items[0].nameEn, "Print of personal social insurance records");
    EXPECT_EQ(catalog->items[1].nameEn, "") << "optional";
    EXPECT_EQ(catalog->items[0].extra, Json::object()) << "a known member, not an unknown one";
    const auto again = kiosk::core::toJson(*catalog);
    EXPECT_EQ(again["items"][0]["nameEn"], "Print of personal social insurance records");
    EXPECT_FALSE(again["items"][1].contains("nameEn"));

    json["items"][1]["nameEn"] = 42;
    EXPECT_EQ(errorOf(json), "items[1] (A2).nameEn: must be a string");
}

TEST(CatalogParser, ReadsSynonymsAndKeepsTheirUnknownMembers)
{
    auto json = validCatalog();
    EXPECT_TRUE(parseCatalog(json.dump())->synonyms.empty()); // optional
    EXPECT_FALSE(kiosk::core::toJson(*parseCatalog(json.dump())).contains("synonyms"));
    json["synonyms"] =
        Json::array({{{"term", "社保"}, {"means", {"社会保险", "社会保障"}}},
                     {{"term", "医保"}, {"means", {"医疗保险"}}, {"region", "510703"}}});
    auto catalog = parseCatalog(json.dump());
    ASSERT_TRUE(catalog) << catalog.error().message;
    ASSERT_EQ(catalog->synonyms.size(), 2u);
    EXPECT_EQ(catalog->synonyms[0].term, "社保");
    EXPECT_EQ(catalog->synonyms[0].means, (std::vector<std::string>{"社会保险", "社会保障"}));
    EXPECT_EQ(catalog->synonyms[1].extra, (Json{{"region", "510703"}}));
    EXPECT_EQ(catalog->extra, Json::object()); // a known member now, not an unknown one
    EXPECT_EQ(kiosk::core::toJson(*catalog)["synonyms"], json["synonyms"]);
}

TEST(CatalogParser, ErrorsInSynonymsNameTheEntryAndTheField)
{
    const auto withSynonyms = [](Json synonyms) {
        auto json = validCatalog();
        json["synonyms"] = std::move(synonyms);
        return json;
    };
    EXPECT_EQ(errorOf(withSynonyms("社保")), "synonyms: must be an array");
    EXPECT_EQ(errorOf(withSynonyms({"社保"})), "synonyms[0]: must be an object");
    EXPECT_EQ(errorOf(withSynonyms({{{"means", {"社会保险"}}}})), "synonyms[0].term: is required");
    EXPECT_EQ(errorOf(withSynonyms({{{"term", ""}, {"means", {"社会保险"}}}})),
              "synonyms[0].term: must not be empty");
    EXPECT_EQ(errorOf(withSynonyms({{{"term", "社保"}}})), "synonyms[0].means: is required");
    EXPECT_EQ(errorOf(withSynonyms({{{"term", "社保"}, {"means", "社会保险"}}})),
              "synonyms[0].means: must be an array");
    EXPECT_EQ(errorOf(withSynonyms({{{"term", "社保"}, {"means", Json::array()}}})),
              "synonyms[0].means: must name at least one text");
    EXPECT_EQ(errorOf(withSynonyms({{{"term", "社保"}, {"means", {"社会保险", 3}}}})),
              "synonyms[0].means[1]: must be a non-empty string");
    EXPECT_EQ(errorOf(withSynonyms({{{"term", "社保"}, {"means", {"社会保险"}}},
                                    {{"term", "社保"}, {"means", {"社会保障"}}}})),
              "synonyms[1].term: duplicate term \"社保\"");
}

TEST(CatalogParser, RefusesDuplicateCodes)
{
    auto json = validCatalog();
    json["items"][1]["code"] = "A1";
    EXPECT_EQ(errorOf(json), "items[1] (A1): duplicate item code");
}

TEST(CatalogParser, RefusesBrokenDocuments)
{
    EXPECT_EQ(parseCatalog("{\"schemaVersion\": 1,").error().code,
              make_error_code(CatalogErrc::syntax));
    EXPECT_EQ(parseCatalog("[]").error().code, make_error_code(CatalogErrc::schema));
    const std::string notUtf8 = "{\"schemaVersion\":1,\"region\":\"\xff\xfe\"}";
    EXPECT_EQ(parseCatalog(notUtf8).error().code, make_error_code(CatalogErrc::syntax));
    auto json = validCatalog();
    json["schemaVersion"] = 2;
    EXPECT_NE(errorOf(json).find("not supported"), std::string::npos);
}

TEST(CatalogParser, RefusesCatalogsOverFiftyMebibytes)
{
    const std::string huge(kiosk::core::maxCatalogBytes + 1, ' ');
    EXPECT_EQ(parseCatalog(huge).error().code, make_error_code(CatalogErrc::too_large));
}

TEST(Catalog, PopularIsHottestFirstAndSkipsDisabled)
{
    auto json = validCatalog();
    json["items"].push_back(validItem("A3"));
    json["items"][0]["hot"] = 10;
    json["items"][1]["hot"] = 90;
    json["items"][2]["hot"] = 95;
    json["items"][2]["enabled"] = false;
    auto catalog = parseCatalog(json.dump());
    ASSERT_TRUE(catalog);
    const auto popular = catalog->popular(5);
    ASSERT_EQ(popular.size(), 2u);
    EXPECT_EQ(popular[0]->code, "A2");
    EXPECT_EQ(popular[1]->code, "A1");
}

// The schema check CI runs over the catalog shipped with the build (kiosk/data/catalog.json).
class ShippedCatalog : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        auto loaded = kiosk::core::loadCatalogFile(kiosk::core::shippedCatalogPath().string());
        ASSERT_TRUE(loaded) << loaded.error().message;
        catalog_ = new Catalog(std::move(*loaded));
    }
    static void TearDownTestSuite() { delete catalog_; }
    static Catalog* catalog_;
};
Catalog* ShippedCatalog::catalog_ = nullptr;

TEST_F(ShippedCatalog, HasAboutTwoHundredItemsAcrossDepartmentsAndThemes)
{
    EXPECT_GE(catalog_->items.size(), 190u);
    EXPECT_GE(catalog_->departments().size(), 10u);
    EXPECT_GE(catalog_->themes().size(), 8u);
    EXPECT_GE(catalog_->reasons.size(), 5u);
    EXPECT_GE(catalog_->popular(20).size(), 8u);
}

TEST_F(ShippedCatalog, EveryGuideIsComplete)
{
    for (const auto& item : catalog_->items) {
        SCOPED_TRACE(item.code + " " + item.name);
        EXPECT_FALSE(item.guide.legalBasis.empty());
        EXPECT_FALSE(item.guide.fee.empty());
        EXPECT_FALSE(item.guide.conditions.empty());
        EXPECT_FALSE(item.guide.materials.empty());
        EXPECT_GE(item.guide.process.size(), 3u);
    }
}

TEST_F(ShippedCatalog, KindAuthAndOnlineFitEachOther)
{
    using kiosk::core::AuthMode;
    using kiosk::core::FieldType;
    using kiosk::core::OnlineMode;
    for (const auto& item : catalog_->items) {
        SCOPED_TRACE(item.code + " " + item.name);
        switch (item.kind) {
        case ItemKind::Apply: {
            // Applications are queued offline, need the citizen's identity and a contact phone;
            // a payment (缴纳) cannot complete offline, so it needs the link.
            EXPECT_EQ(item.online, item.name.find("缴纳") != std::string::npos
                                       ? OnlineMode::Required
                                       : OnlineMode::Preferred);
            EXPECT_EQ(item.auth, AuthMode::IdCard);
            const auto phone = std::find_if(item.form.fields.begin(), item.form.fields.end(),
                                            [](const auto& f) { return f.id == "phone"; });
            ASSERT_NE(phone, item.form.fields.end());
            EXPECT_EQ(phone->type, FieldType::Phone);
            EXPECT_TRUE(phone->required);
            break;
        }
        case ItemKind::Query:
        case ItemKind::Print:
            EXPECT_EQ(item.online, OnlineMode::Required);
            EXPECT_EQ(item.auth, AuthMode::IdCard);
            break;
        case ItemKind::Guide:
            EXPECT_EQ(item.auth, AuthMode::None);
            EXPECT_TRUE(item.form.fields.empty());
            break;
        }
    }
}

TEST_F(ShippedCatalog, SynonymsCoverEverydayWordsAndPointAtRealNames)
{
    EXPECT_GE(catalog_->synonyms.size(), 60u);
    std::set<std::string> terms;
    for (const auto& synonym : catalog_->synonyms)
        terms.insert(synonym.term);
    for (const char* everyday :
         {"社保",       "医保",   "公积金",   "驾照",   "驾驶证", "户口",   "身份证", "护照",
          "港澳通行证", "低保",   "营业执照", "个税",   "不动产", "房产证", "残疾证", "退休",
          "生育",       "失业金", "社保卡",   "医保卡", "出生证", "结婚证"})
        EXPECT_TRUE(terms.contains(everyday)) << everyday;
    // Every meaning occurs in the name of an enabled item: a synonym that finds nothing is a
    // typo in the catalog.
    for (const auto& synonym : catalog_->synonyms)
        for (const auto& meaning : synonym.means)
            EXPECT_TRUE(std::any_of(catalog_->items.begin(), catalog_->items.end(),
                                    [&](const auto& item) {
                                        return item.enabled &&
                                               item.name.find(meaning) != std::string::npos;
                                    }))
                << synonym.term << " -> " << meaning;
}

TEST_F(ShippedCatalog, NamesAreRealNotPlaceholders)
{
    std::set<std::string> names;
    for (const auto& item : catalog_->items) {
        EXPECT_TRUE(names.insert(item.name).second) << "duplicate name " << item.name;
        EXPECT_FALSE(std::regex_search(item.name, std::regex("事项 ?[0-9]"))) << item.name;
        EXPECT_GE(item.name.size(), 12u) << "a name of four characters or more: " << item.name;
    }
}
