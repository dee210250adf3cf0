// SPDX-License-Identifier: Apache-2.0
// Tests of the receipt document: the spec's content, masking, the receipt URL and its QR.
#include "base/manual_clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "hal/errc.h"
#include "kiosk/core/receipt.h"
#include "kiosk/core/scanned_payload.h"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace kiosk::core;

namespace {

constexpr std::string_view kSubmission = "6f1c2a4e-8d7b-4c3a-9e21-0b5d4f6a7c88";

Catalog sampleCatalog()
{
    auto catalog = parseCatalog(R"({
      "schemaVersion": 1, "catalogVersion": 7, "region": "510703", "regionName": "绵阳市涪城区",
      "issuedAt": "2026-11-23T08:00:00+08:00", "reasons": [],
      "items": [ {
        "code": "X1", "name": "失业保险金申领", "department": "区人力资源和社会保障局", "theme": "社会保险",
        "kind": "apply", "auth": "idcard", "online": "preferred",
        "guide": { "legalBasis": "《失业保险条例》", "timeLimitDays": 5, "fee": "不收费",
                   "materials": [ { "name": "居民身份证", "required": true } ],
                   "process": [ "窗口审核", "发放" ] },
        "form": { "fields": [ { "id": "phone", "label": "联系电话", "type": "phone", "required": true } ] } } ]
    })");
    if (!catalog)
        throw std::runtime_error(catalog.error().message); // fails the test, not the process
    return std::move(*catalog);
}

ReceiptSettings settings()
{
    return {"涪城区城郊街道便民服务中心", "https://zwfw.example.gov.cn/r/{ref}", "generic-80"};
}

std::string allText(const hal::Receipt& receipt)
{
    std::string all;
    for (const auto& line : receipt.texts())
        all += line + "\n";
    return all;
}

hal::Receipt build(std::size_t card, const ReceiptFacts& facts)
{
    const auto catalog = sampleCatalog();
    Session session;
    session.setItemCode("X1");
    session.setCard(drivers::fake::sampleCards().at(card));
    session.setSubmissionId(std::string(kSubmission));
    return buildReceipt(catalog, catalog.items[0], session, settings(), facts,
                        base::ManualClock().now());
}

} // namespace

TEST(Receipt, QueuedReceiptCarriesTheLocalReferenceAndSaysItWillBeSubmitted)
{
    const auto receipt = build(0, {"", {"居民身份证"}});
    const auto all = allText(receipt);
    EXPECT_NE(all.find("办件回执"), std::string::npos) << all;
    EXPECT_NE(all.find("涪城区城郊街道便民服务中心"), std::string::npos);
    EXPECT_NE(all.find("事项：失业保险金申领"), std::string::npos);
    EXPECT_NE(all.find("受理编号：" + std::string(kSubmission)), std::string::npos);
    EXPECT_NE(all.find("网络恢复后将自动提交"), std::string::npos);
    EXPECT_NE(all.find("申请人：李**"), std::string::npos);
    EXPECT_NE(all.find("证件号码：510703********"), std::string::npos);
    EXPECT_NE(all.find("提交时间：2026-11-23 10:00"), std::string::npos);
    EXPECT_NE(all.find("1. 居民身份证"), std::string::npos);
    EXPECT_NE(all.find("办理时限：5个工作日"), std::string::npos);
    EXPECT_NE(all.find("1. 窗口审核"), std::string::npos);
    EXPECT_NE(all.find("12345"), std::string::npos);
    EXPECT_EQ(receipt.qrCode(), "https://zwfw.example.gov.cn/r/" + std::string(kSubmission));
}

TEST(Receipt, CarriesNoUnmaskedPersonalData)
{
    const auto card = drivers::fake::sampleCards().front();
    const auto all = allText(build(0, {}));
    EXPECT_EQ(all.find(card.name), std::string::npos);
    EXPECT_EQ(all.find(card.idNumber), std::string::npos);
    EXPECT_EQ(all.find(card.address), std::string::npos);
}

TEST(Receipt, DeliveredReceiptCarriesTheCaseNumberInTextAndQr)
{
    const auto receipt = build(0, {"510703-20261123-000123", {}});
    const auto all = allText(receipt);
    EXPECT_NE(all.find("办件编号：510703-20261123-000123"), std::string::npos);
    EXPECT_EQ(all.find("自动提交"), std::string::npos);
    EXPECT_EQ(receipt.qrCode(), "https://zwfw.example.gov.cn/r/510703-20261123-000123");
}

TEST(Receipt, ForeignersCardShowsTheChineseNameMaskedAndTheIdMasked)
{
    const auto all = allText(build(2, {})); // ForeignPermanent2017, "DEU510079062100"
    EXPECT_NE(all.find("申请人：安*"), std::string::npos) << all;
    EXPECT_NE(all.find("证件号码：DEU510*****2100"), std::string::npos) << all;
}

TEST(Receipt, StructureHasTitleSeparatorsAndOneQr)
{
    const auto receipt = build(0, {});
    ASSERT_GE(receipt.lines.size(), 3u);
    EXPECT_EQ(receipt.lines[1].text, "办件回执");
    EXPECT_EQ(receipt.lines[1].size, 2);
    EXPECT_TRUE(receipt.lines[1].bold);
    const auto count = [&](hal::ReceiptLine::Kind kind) {
        return std::count_if(receipt.lines.begin(), receipt.lines.end(),
                             [&](const auto& line) { return line.kind == kind; });
    };
    EXPECT_EQ(count(hal::ReceiptLine::Kind::Qr), 1);
    EXPECT_GE(count(hal::ReceiptLine::Kind::Separator), 2);
}

TEST(Receipt, MasksNames)
{
    EXPECT_EQ(maskName("张三"), "张*");
    EXPECT_EQ(maskName("欧阳娜娜"), "欧***");
    EXPECT_EQ(maskName("李"), "李*");
    EXPECT_EQ(maskName("JOHN"), "J***");
    EXPECT_EQ(maskName(""), "");
}

TEST(Receipt, MasksIdNumbersKeepingFirstSixAndLastFour)
{
    EXPECT_EQ(maskIdNumber("51070319520308002X"), "510703********002X");
    EXPECT_EQ(maskIdNumber("1234567890"), "**********");
}

TEST(Receipt, UrlFillsEveryRefPlaceholder)
{
    EXPECT_EQ(receiptUrl("https://h/r/{ref}?again={ref}", "A-1"), "https://h/r/A-1?again=A-1");
    EXPECT_EQ(receiptUrl("https://h/r/", "A-1"), "https://h/r/A-1");
}

TEST(Receipt, RefIsFoundBackInItsUrlOnly)
{
    const std::string tmpl = "https://zwfw.example.gov.cn/r/{ref}";
    EXPECT_EQ(receiptRefFromUrl(tmpl, "https://zwfw.example.gov.cn/r/510703-20261123-000123"),
              "510703-20261123-000123");
    EXPECT_FALSE(receiptRefFromUrl(tmpl, "https://evil.example.com/r/510703-20261123-000123"));
    EXPECT_FALSE(receiptRefFromUrl(tmpl, "https://zwfw.example.gov.cn/r/"));
    EXPECT_FALSE(receiptRefFromUrl(tmpl, "https://zwfw.example.gov.cn/r/a/../../x"));
    EXPECT_FALSE(receiptRefFromUrl(tmpl, "https://zwfw.example.gov.cn/r/510703 2026"));
}

TEST(Receipt, KiosksScannerRecognisesItsOwnReceiptQr)
{
    const auto receipt = build(0, {});
    auto payload = classifyPayload(receipt.qrCode(), settings().qrUrlTemplate);
    ASSERT_TRUE(payload);
    EXPECT_EQ(payload->kind, PayloadKind::Receipt);
    EXPECT_EQ(payload->receiptRef, kSubmission);
    EXPECT_EQ(payload->submissionId, kSubmission);

    auto delivered = classifyPayload(build(0, {"510703-20261123-000123", {}}).qrCode(),
                                     settings().qrUrlTemplate);
    ASSERT_TRUE(delivered);
    EXPECT_EQ(delivered->kind, PayloadKind::Receipt);
    EXPECT_EQ(delivered->receiptRef, "510703-20261123-000123");
    EXPECT_TRUE(delivered->submissionId.empty());
}

TEST(Receipt, OtherUrlsStayUrlsAndOldReceiptCodesStillCount)
{
    auto url = classifyPayload("https://www.gov.cn/", settings().qrUrlTemplate);
    ASSERT_TRUE(url);
    EXPECT_EQ(url->kind, PayloadKind::Url);
    auto old =
        classifyPayload("ZWFW-RECEIPT:" + std::string(kSubmission), settings().qrUrlTemplate);
    ASSERT_TRUE(old);
    EXPECT_EQ(old->kind, PayloadKind::Receipt);
    EXPECT_EQ(old->receiptRef, kSubmission);
}

TEST(Receipt, PrintFailuresTellTheCitizenTheApplicationIsSafeAndHowToReprint)
{
    const auto paper = receiptPrintMessage({make_error_code(hal::errc::media), "paper out"});
    EXPECT_NE(paper.find("重新打印"), std::string::npos);
    EXPECT_NE(paper.find("已保存"), std::string::npos);
    const auto gone = receiptPrintMessage({make_error_code(hal::errc::no_device), "unplugged"});
    EXPECT_NE(gone.find("重新打印"), std::string::npos);
    const auto fault = receiptPrintMessage({make_error_code(hal::errc::device_fault), "cutter"});
    EXPECT_NE(fault.find("服务窗口"), std::string::npos);
}
