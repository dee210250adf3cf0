// SPDX-License-Identifier: Apache-2.0
// Certificates: the platform's PDF goes to the A4 printer, the citizen hears each state in
// words, and nothing-to-print, link failures and printer failures each have their message.
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_document_printer.h"
#include "hal/errc.h"
#include "kiosk/core/certificate.h"
#include "platform_sim/pdf.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

namespace {

/// Answers POST /v1/documents with a fixed status and body; fails the link when told to.
class DocumentUplink final : public queue::Uplink {
public:
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest& request,
                                             std::stop_token) override
    {
        lastPath = request.path;
        if (linkDown)
            return base::fail(queue::UplinkErrc::link, "connection refused");
        queue::UplinkResponse response;
        response.status = status;
        response.contentType = status == 200 ? "application/pdf" : "application/json";
        response.body = status == 200 ? platform_sim::makePdf("Certificate") : body;
        response.documentId = "DOC-510703-20261123-000123";
        return response;
    }
    long status = 200;
    std::string body;
    bool linkDown = false;
    std::string lastPath;
};

CatalogItem printItem()
{
    CatalogItem item;
    item.code = "P1";
    item.name = "社保参保证明打印";
    item.kind = ItemKind::Print;
    return item;
}

} // namespace

TEST(Certificate, PdfIsPrintedAndTheCitizenHearsEachState)
{
    DocumentUplink uplink;
    drivers::fake::FakeDocumentPrinter printer;
    std::vector<std::string> messages;
    auto result = printCertificate(
        uplink, printer, printItem(), drivers::fake::sampleCards()[0],
        [&](hal::DocumentJobState, std::string_view message) { messages.emplace_back(message); });
    ASSERT_TRUE(result) << result.error().describe();
    EXPECT_TRUE(result->printed);
    EXPECT_EQ(result->documentId, "DOC-510703-20261123-000123");
    EXPECT_EQ(uplink.lastPath, "/v1/documents");
    ASSERT_EQ(printer.printed().size(), 1u);
    EXPECT_TRUE(printer.printed()[0].starts_with("%PDF-"));
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages.back(), certificateMessage(hal::DocumentJobState::Completed));
}

TEST(Certificate, NothingToPrintIsNotAnError)
{
    DocumentUplink uplink;
    uplink.status = 404;
    uplink.body = R"({"code":"no_document","message":"none"})";
    drivers::fake::FakeDocumentPrinter printer;
    auto result = printCertificate(uplink, printer, printItem(), drivers::fake::sampleCards()[0]);
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->printed);
    EXPECT_TRUE(printer.printed().empty());
}

TEST(Certificate, PrinterFailureIsAnErrorWithTheCitizensWords)
{
    DocumentUplink uplink;
    drivers::fake::FakeDocumentPrinter printer;
    printer.failNext(hal::DocumentJobState::Aborted, "job-completed-with-errors");
    std::vector<hal::DocumentJobState> states;
    auto result = printCertificate(
        uplink, printer, printItem(), drivers::fake::sampleCards()[0],
        [&](hal::DocumentJobState state, std::string_view) { states.push_back(state); });
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::device_fault);
    EXPECT_EQ(states.back(), hal::DocumentJobState::Aborted);
    EXPECT_NE(certificateErrorMessage(result.error()).find("服务窗口"), std::string::npos);
}

TEST(Certificate, LinkDownIsAnErrorSayingSo)
{
    DocumentUplink uplink;
    uplink.linkDown = true;
    drivers::fake::FakeDocumentPrinter printer;
    auto result = printCertificate(uplink, printer, printItem(), drivers::fake::sampleCards()[0]);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, queue::UplinkErrc::link);
    EXPECT_NE(certificateErrorMessage(result.error()).find("网络"), std::string::npos);
}
