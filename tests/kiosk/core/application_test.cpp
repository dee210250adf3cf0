// SPDX-License-Identifier: Apache-2.0
// Tests of the application services: prefill, form checks, submit into the queue, rating.
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "kiosk/core/application.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

namespace {

Catalog sampleCatalog()
{
    auto catalog = parseCatalog(R"({
      "schemaVersion": 1, "catalogVersion": 7, "region": "510703", "regionName": "绵阳市涪城区",
      "issuedAt": "2026-11-23T08:00:00+08:00",
      "reasons": [ { "code": "R01", "text": "办事指南不清楚" } ],
      "items": [ {
        "code": "X1", "name": "失业保险金申领", "department": "区人力资源和社会保障局", "theme": "社会保险",
        "kind": "apply", "auth": "idcard", "online": "preferred",
        "guide": { "legalBasis": "《失业保险条例》第十四条", "timeLimitDays": 5, "fee": "不收费",
                   "materials": [ { "name": "居民身份证", "required": true } ], "process": [ "a", "b", "c" ] },
        "form": { "fields": [
          { "id": "name", "label": "姓名", "type": "text", "required": true, "prefill": "card.name" },
          { "id": "idNumber", "label": "公民身份号码", "type": "idnumber", "required": true, "prefill": "card.idNumber" },
          { "id": "phone", "label": "联系电话", "type": "phone", "required": true },
          { "id": "startDate", "label": "失业日期", "type": "date", "required": false },
          { "id": "bank", "label": "发放银行", "type": "choice", "required": true, "options": ["农业银行", "建设银行"] } ] } } ]
    })");
    EXPECT_TRUE(catalog) << catalog.error().message;
    return std::move(*catalog);
}

} // namespace

TEST(Application, PrefillsFromTheCard)
{
    const auto catalog = sampleCatalog();
    const auto card = drivers::fake::sampleCards().front();
    const auto values = prefillFromCard(catalog.items[0], card);
    EXPECT_EQ(values.at("name"), card.name);
    EXPECT_EQ(values.at("idNumber"), card.idNumber);
    EXPECT_FALSE(values.contains("phone"));
}

TEST(Application, FormProblemsAreWordedForTheCitizen)
{
    const auto catalog = sampleCatalog();
    const auto& item = catalog.items[0];
    auto values = prefillFromCard(item, drivers::fake::sampleCards().front());
    values["phone"] = "12345";
    values["startDate"] = "2026-13-01";
    values["bank"] = "花旗银行";
    values["idNumber"] = "510703195203080020";
    const auto problems = validateForm(item, values);
    ASSERT_EQ(problems.size(), 4u);
    EXPECT_EQ(problems[0].fieldId, "idNumber");
    EXPECT_EQ(problems[1].message, "联系电话应为11位手机号码或带区号的固定电话");
    EXPECT_EQ(problems[2].fieldId, "startDate");
    EXPECT_EQ(problems[3].message, "请从列出的选项中选择发放银行");

    values = prefillFromCard(item, drivers::fake::sampleCards().front());
    values["phone"] = "0816-2221234";
    values["bank"] = "建设银行";
    EXPECT_TRUE(validateForm(item, values).empty());
}

TEST(Application, SubmitStoresOneCaseAndRatingWaitsForIt)
{
    test_support::TempDir dir;
    base::ManualClock clock; // 2026-11-23T10:00:00+08:00
    queue::StoreOptions storeOptions;
    storeOptions.clock = &clock;
    auto store = queue::Store::open(dir / "queue.db", storeOptions);
    ASSERT_TRUE(store);
    const auto catalog = sampleCatalog();
    ApplicationService service(catalog, **store, "SC-510703-0042", clock);

    Session session;
    session.setItemCode("X1");
    EXPECT_EQ(service.submit(session).error().code,
              make_error_code(ApplicationErrc::not_identified));
    const auto card = drivers::fake::sampleCards().front();
    for (const auto& [field, value] : prefillFromCard(catalog.items[0], card))
        session.setFormValue(field, value);
    session.setCard(card);
    EXPECT_EQ(service.submit(session).error().code, make_error_code(ApplicationErrc::invalid_form));

    session.setFormValue("phone", "13808161234");
    session.setFormValue("bank", "农业银行");
    auto submitted = service.submit(session);
    ASSERT_TRUE(submitted) << submitted.error().message;
    EXPECT_EQ(session.submissionId(), submitted->submissionId);

    EXPECT_EQ(service.rate(session, {2, {}, ""}, "tablet").error().code,
              make_error_code(ApplicationErrc::invalid_rating));
    ASSERT_TRUE(service.rate(session, {2, {"R01"}, ""}, "tablet"));

    auto records = (*store)->list();
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 2u);
    EXPECT_EQ((*records)[0].kind, queue::RecordKind::Case);
    EXPECT_EQ((*records)[0].idempotencyKey, submitted->submissionId);
    EXPECT_EQ((*records)[1].kind, queue::RecordKind::Evaluation);
    // The rating is not due before its case is delivered.
    auto due = (*store)->due(clock.now(), 10);
    ASSERT_TRUE(due);
    ASSERT_EQ(due->size(), 1u);
    const auto body = nlohmann::json::parse(due->front().body);
    EXPECT_EQ(body["submissionId"], submitted->submissionId);
    EXPECT_EQ(body["applicant"]["idType"], "resident");
    EXPECT_EQ(body["catalogVersion"], 7);
    EXPECT_EQ(body["createdAt"], "2026-11-23T10:00:00+08:00"); // the service's clock
}
