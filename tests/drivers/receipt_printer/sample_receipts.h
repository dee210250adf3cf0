// SPDX-License-Identifier: Apache-2.0
// The receipts of the golden images, built by kiosk/core from the fake cards: a resident with
// a case number, a resident whose case waits in the offline queue, a foreigner's card.
#pragma once

#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "kiosk/core/receipt.h"

#include <stdexcept>

namespace sample_receipts {

inline kiosk::core::Catalog catalog()
{
    auto catalog = kiosk::core::parseCatalog(R"({
      "schemaVersion": 1, "catalogVersion": 7, "region": "510703", "regionName": "绵阳市涪城区",
      "issuedAt": "2026-11-23T08:00:00+08:00", "reasons": [],
      "items": [ {
        "code": "X1", "name": "失业保险金申领", "department": "区人力资源和社会保障局",
        "theme": "社会保险", "kind": "apply", "auth": "idcard", "online": "preferred",
        "guide": { "legalBasis": "《失业保险条例》第十四条", "timeLimitDays": 5, "fee": "不收费",
                   "materials": [ { "name": "居民身份证", "required": true } ],
                   "process": [ "窗口工作人员审核材料", "审核通过后按月发放至社保卡" ] },
        "form": { "fields": [ { "id": "phone", "label": "联系电话", "type": "phone", "required": true } ] }
      } ]
    })");
    if (!catalog)
        throw std::runtime_error(catalog.error().message);
    return std::move(*catalog);
}

inline kiosk::core::ReceiptSettings settings()
{
    return {"涪城区城郊街道便民服务中心", "https://zwfw.example.gov.cn/r/{ref}", "generic-80"};
}

/// `card` indexes drivers::fake::sampleCards() (0 resident, 3 foreign permanent 2023);
/// an empty `caseNo` makes the queued-offline receipt.
inline hal::Receipt build(std::size_t card, const std::string& caseNo)
{
    const auto all = catalog();
    kiosk::core::Session session;
    session.setItemCode("X1");
    session.setCard(drivers::fake::sampleCards().at(card));
    session.setSubmissionId("6f1c2a4e-8d7b-4c3a-9e21-0b5d4f6a7c88");
    return kiosk::core::buildReceipt(all, all.items[0], session, settings(),
                                     {caseNo, {"居民身份证", "失业证明"}},
                                     base::ManualClock().now());
}

inline hal::Receipt resident()
{
    return build(0, "510703-20261123-000123");
}
inline hal::Receipt queuedOffline()
{
    return build(0, "");
}
inline hal::Receipt foreigner()
{
    return build(3, "510703-20261123-000124");
}

} // namespace sample_receipts
