// SPDX-License-Identifier: Apache-2.0
#include "drivers/review_tablet/tablet_message.h"

#include "hal/errc.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace drivers::review_tablet {
namespace {

template <class T> T parsed(std::string_view line)
{
    auto message = parseTabletLine(line);
    EXPECT_TRUE(message) << (message ? "" : message.error().message);
    if (!message || !std::holds_alternative<T>(*message))
        return T{};
    return std::get<T>(*message);
}

TEST(TabletMessage, HelloOfATouchTablet)
{
    auto hello = parsed<HelloMessage>(
        R"({"type":"hello","model":"RT-500","firmware":"2.1","keys":"touch"})");
    EXPECT_EQ(hello.info.model, "RT-500");
    EXPECT_EQ(hello.info.firmware, "2.1");
    EXPECT_EQ(hello.info.input, hal::TabletInput::Touch);
    EXPECT_TRUE(hello.info.showsReasons());
}

TEST(TabletMessage, HelloOfAFourKeyEvaluator)
{
    auto hello = parsed<HelloMessage>(R"({"type":"hello","model":"K4","firmware":"1","keys":4})");
    EXPECT_EQ(hello.info.input, hal::TabletInput::Keys);
    EXPECT_EQ(hello.info.keys, 4);
    EXPECT_FALSE(hello.info.showsReasons());
}

TEST(TabletMessage, PingAndPongCarryTheirSequence)
{
    EXPECT_EQ(parsed<PingMessage>(R"({"type":"ping","seq":7})").seq, 7);
    EXPECT_EQ(parsed<PongMessage>(R"({"type":"pong","seq":8})").seq, 8);
}

TEST(TabletMessage, RatingWithReasonsAndComment)
{
    auto rating = parsed<RatingMessage>(
        R"({"type":"rating","requestId":"r-1","level":2,"reasons":["R01","R03"],"comment":"太慢"})");
    EXPECT_EQ(rating.requestId, "r-1");
    EXPECT_EQ(rating.rating.level, 2);
    EXPECT_EQ(rating.rating.reasons, (std::vector<std::string>{"R01", "R03"}));
    EXPECT_EQ(rating.rating.comment, "太慢");
}

TEST(TabletMessage, RatingOfAKeyEvaluatorHasNoReasons)
{
    auto rating = parsed<RatingMessage>(R"({"type":"rating","requestId":"r-1","level":5})");
    EXPECT_EQ(rating.rating.level, 5);
    EXPECT_TRUE(rating.rating.reasons.empty());
}

TEST(TabletMessage, TimeoutAndErrors)
{
    EXPECT_EQ(parsed<TimeoutMessage>(R"({"type":"timeout","requestId":"r-9"})").requestId, "r-9");
    auto error = parsed<ErrorMessage>(R"({"type":"error","code":"busy","message":"showing"})");
    EXPECT_EQ(error.code, "busy");
    EXPECT_FALSE(error.requestId);
}

struct Refused {
    std::string line;
    LineProblem problem;
};

class RefusedLine : public testing::TestWithParam<Refused> {};

TEST_P(RefusedLine, IsAnErrorOfItsKindNamingNoValue)
{
    auto message = parseTabletLine(GetParam().line);
    ASSERT_FALSE(message);
    EXPECT_EQ(problemOf(message.error()), GetParam().problem) << message.error().message;
    EXPECT_EQ(message.error().message.find("110101199003074514"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Lines, RefusedLine,
    testing::Values(
        Refused{"not json", LineProblem::Malformed}, Refused{"[1,2,3]", LineProblem::Malformed},
        Refused{R"({"type":"rating","level":)", LineProblem::Malformed},
        Refused{R"({"level":5})", LineProblem::Malformed},
        Refused{R"({"type":42})", LineProblem::Malformed},
        Refused{R"({"type":"rating","level":5})", LineProblem::Malformed},
        Refused{R"({"type":"rating","requestId":"has space","level":5})", LineProblem::Malformed},
        Refused{R"({"type":"rating","requestId":"r","level":"5"})", LineProblem::Malformed},
        Refused{R"({"type":"rating","requestId":"r","level":5,"reasons":"R01"})",
                LineProblem::Malformed},
        Refused{R"({"type":"rating","requestId":"r","level":5,"reasons":[1]})",
                LineProblem::Malformed},
        Refused{R"({"type":"hello","keys":"pad"})", LineProblem::OutOfRange},
        Refused{R"({"type":"hello","keys":"110101199003074514"})", LineProblem::Malformed},
        Refused{R"({"type":"selfdestruct","comment":"110101199003074514"})",
                LineProblem::UnknownType},
        Refused{R"({"type":"rating","requestId":"r","level":0})", LineProblem::OutOfRange},
        Refused{R"({"type":"rating","requestId":"r","level":6})", LineProblem::OutOfRange},
        Refused{R"({"type":"rating","requestId":"r","level":-1,"comment":"110101199003074514"})",
                LineProblem::OutOfRange},
        Refused{R"({"type":"hello","keys":7})", LineProblem::OutOfRange},
        Refused{R"({"type":"ping","seq":-3})", LineProblem::OutOfRange},
        Refused{R"({"type":"hello","model":"a\u0007b","keys":"touch"})", LineProblem::Malformed},
        Refused{std::string(100, '[') + std::string(100, ']'), LineProblem::Malformed}));

TEST(TabletMessage, LineOverTheBoundIsRefusedUnread)
{
    const std::string line =
        R"({"type":"ping","seq":1,"pad":")" + std::string(kMaxLineBytes, 'x') + R"("})";
    auto message = parseTabletLine(line);
    ASSERT_FALSE(message);
    EXPECT_EQ(problemOf(message.error()), LineProblem::Malformed);
}

TEST(TabletMessage, ShowCarriesTheSpecsFields)
{
    auto line = encodeShow("req-1", {"社保参保证明打印",
                                     "510703-20261123-000123",
                                     {{"R01", "办事指南不清楚"}},
                                     std::chrono::seconds(60)});
    ASSERT_TRUE(line);
    ASSERT_TRUE(line->ends_with('\n'));
    auto json = nlohmann::json::parse(*line);
    EXPECT_EQ(json["type"], "show");
    EXPECT_EQ(json["requestId"], "req-1");
    EXPECT_EQ(json["itemName"], "社保参保证明打印");
    EXPECT_EQ(json["caseRef"], "510703-20261123-000123");
    EXPECT_EQ(json["levels"], nlohmann::json::array({5, 4, 3, 2, 1}));
    EXPECT_EQ(json["reasons"][0]["code"], "R01");
    EXPECT_EQ(json["reasons"][0]["text"], "办事指南不清楚");
    EXPECT_EQ(json["timeoutS"], 60);
}

TEST(TabletMessage, ShowOfTextThatIsNotUtf8IsAnError)
{
    EXPECT_FALSE(encodeShow("req-1", {"\xff\xfe", "c", {}, std::chrono::seconds(60)}));
}

TEST(TabletMessage, KioskLinesAreOneJsonObjectEach)
{
    EXPECT_EQ(nlohmann::json::parse(encodeCancel("r")),
              nlohmann::json({{"type", "cancel"}, {"requestId", "r"}}));
    EXPECT_EQ(nlohmann::json::parse(encodeIdle()), nlohmann::json({{"type", "idle"}}));
    EXPECT_EQ(nlohmann::json::parse(encodePing(3)), nlohmann::json({{"type", "ping"}, {"seq", 3}}));
    EXPECT_EQ(nlohmann::json::parse(encodePong(4)), nlohmann::json({{"type", "pong"}, {"seq", 4}}));
    EXPECT_EQ(nlohmann::json::parse(encodeReasonRequired("r")),
              nlohmann::json({{"type", "error"}, {"code", "reason_required"}, {"requestId", "r"}}));
}

} // namespace
} // namespace drivers::review_tablet
