// SPDX-License-Identifier: Apache-2.0
// Decode rate by condition on the generated corpus (make_corpus.py): the camera pipeline's
// passes never find less than ZXing alone on the whole frame, never find a wrong code, and
// find nothing in frames without one. The table is printed for the README.
#include "drivers/code_scanner/camera/frame_decoder.h"
#include "qr_image.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

namespace {

struct Tally {
    int frames = 0;
    int pipeline = 0;
    int direct = 0;
};

} // namespace

TEST(CodeScannerCorpus, PipelineDecodesAtLeastWhatZxingAloneDoesAndNothingWrong)
{
    std::ifstream manifest(std::string(KIOSK_QR_CORPUS) + "/corpus.json");
    ASSERT_TRUE(manifest) << "corpus missing: build the qr_corpus target";
    const auto corpus = nlohmann::json::parse(manifest);
    auto direct = drivers::ZxingDecoder::create({});
    auto forPipeline = drivers::ZxingDecoder::create({});
    ASSERT_TRUE(direct && forPipeline);
    const drivers::FrameDecoder pipeline(std::move(*forPipeline), {});

    std::map<std::string, std::map<int, Tally>> table; // condition -> width -> tally
    Tally total;
    for (const auto& entry : corpus["frames"]) {
        const cv::Mat gray =
            cv::imread(std::string(KIOSK_QR_CORPUS) + "/" + entry["file"].get<std::string>(),
                       cv::IMREAD_GRAYSCALE);
        ASSERT_FALSE(gray.empty()) << entry["file"];
        const auto expected =
            entry["text"].is_null() ? std::string() : entry["text"].get<std::string>();
        const auto fromPipeline = pipeline.decode(test_support::grayView(gray));
        const auto fromDirect = direct->decode(test_support::grayView(gray));
        for (const auto* codes : {&fromPipeline, &fromDirect})
            for (const auto& code : *codes)
                EXPECT_EQ(code.text, expected) << "wrong or phantom code in " << entry["file"];
        auto& tally = table[entry["condition"]][entry["width"].get<int>()];
        ++tally.frames;
        if (expected.empty())
            continue;
        ++total.frames;
        tally.pipeline += fromPipeline.empty() ? 0 : 1;
        tally.direct += fromDirect.empty() ? 0 : 1;
        total.pipeline += fromPipeline.empty() ? 0 : 1;
        total.direct += fromDirect.empty() ? 0 : 1;
    }
    EXPECT_GE(total.pipeline, total.direct);
    for (const auto& [width, tally] : table["clean"])
        EXPECT_EQ(tally.pipeline, tally.frames) << "clean frames at width " << width;

    std::cout << "decode rate by condition (pipeline / ZXing alone, frames per width)\n";
    for (const auto& [condition, byWidth] : table) {
        std::cout << std::left << std::setw(14) << condition;
        for (const auto& [width, tally] : byWidth)
            std::cout << "  " << width << ": " << tally.pipeline << "/" << tally.direct << " of "
                      << tally.frames;
        std::cout << "\n";
    }
    std::cout << "total with a code: pipeline " << total.pipeline << ", ZXing alone "
              << total.direct << " of " << total.frames << "\n";
}
