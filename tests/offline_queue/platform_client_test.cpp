// SPDX-License-Identifier: Apache-2.0
// The readers of the online-only answers: progress lists and error bodies of the wrong shape
// are errors naming the path, never a value, and never an exception.
#include "offline_queue/platform_client.h"

#include <gtest/gtest.h>

using namespace queue;

TEST(PlatformClientAnswers, AProgressListIsReadWithOptionalFields)
{
    const auto cases = readCaseList(R"({"cases":[
        {"caseNo":"510703-20261123-000001","status":"received","itemCode":"X1",
         "itemName":"户口迁移","updatedAt":"2026-11-23T10:15:00+08:00"},
        {"caseNo":"510703-20261123-000002","status":"approved","itemName":null}]})");
    ASSERT_TRUE(cases) << cases.error().describe();
    ASSERT_EQ(cases->size(), 2u);
    EXPECT_EQ((*cases)[0].itemName, "户口迁移");
    EXPECT_EQ((*cases)[1].itemCode, "");
    EXPECT_EQ((*cases)[1].status, "approved");
}

TEST(PlatformClientAnswers, AProgressListOfTheWrongShapeIsAnErrorByPath)
{
    const std::pair<std::string, std::string> wrong[] = {
        {R"({"cases":"none"})", "cases: expected an array, got string"},
        {R"({"cases":null})", "cases: missing"},
        {R"([])", "expected an object, got array"},
        {R"({"cases":[{"caseNo":1,"status":"received"}]})",
         "cases[0].caseNo: expected a string, got number"},
        {R"({"cases":[{"caseNo":"a","status":"received","itemName":["51070319900101123X"]}]})",
         "cases[0].itemName: expected a string, got array"},
        {R"({"cases":[{"caseNo":"a","status":"received"},7]})",
         "cases[1]: expected an object, got number"},
        {R"({"cases":[{"caseNo":")" + std::string(100 * 1024, 'x') + R"(","status":"x"}]})",
         "cases[0].caseNo: longer than 128 bytes"},
    };
    for (const auto& [body, message] : wrong) {
        const auto cases = readCaseList(body);
        ASSERT_FALSE(cases) << body;
        EXPECT_EQ(cases.error().message, message);
    }
}

TEST(PlatformClientAnswers, ErrorCodesAreShortTokensOrNothing)
{
    EXPECT_EQ(platformErrorCode(R"({"code":"no_document","message":"x"})"), "no_document");
    EXPECT_EQ(platformErrorCode(R"({"code":404})"), "");
    EXPECT_EQ(platformErrorCode(R"({"code":"a\u001b[2Jb"})"), "");
    EXPECT_EQ(platformErrorCode(R"({"message":"no code"})"), "");
    EXPECT_EQ(platformErrorCode("<html>gateway</html>"), "");
    UplinkRequest request;
    request.method = "POST";
    request.path = "/v1/cases/query";
    UplinkResponse response;
    response.status = 422;
    response.body = R"({"code":["invalid_query"]})";
    EXPECT_EQ(rejection(request, response).message, "POST /v1/cases/query: 422");
}
