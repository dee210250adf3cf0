// SPDX-License-Identifier: Apache-2.0
// Camera QR pipeline vs. ZXing-cpp called directly vs. zbar, on the same corpus frames
// (tests/drivers/code_scanner/make_corpus.py) in the same run. Per resolution: CPU ms per
// frame and decode rate (frames whose code was read correctly / frames with a code). After the
// run, a table with each path's time as a ratio to ZXing alone is printed for the README.
// zbar first: ZXing/Error.h defines macros (FormatError, ...) that break zbar's C++ headers.
#include <zbar.h>

#define ZX_USE_UTF8 1
#include "drivers/code_scanner/camera/frame_decoder.h"

#include <ZXing/ReadBarcode.h>
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Frame {
    cv::Mat gray;
    std::string text; ///< expected; empty for frames without a code
};

/// Frames by width, loaded once.
const std::map<int, std::vector<Frame>>& corpus()
{
    static const auto frames = [] {
        std::map<int, std::vector<Frame>> byWidth;
        std::ifstream manifest(std::string(KIOSK_QR_CORPUS) + "/corpus.json");
        const auto document = nlohmann::json::parse(manifest);
        for (const auto& entry : document["frames"]) {
            Frame frame;
            frame.gray =
                cv::imread(std::string(KIOSK_QR_CORPUS) + "/" + entry["file"].get<std::string>(),
                           cv::IMREAD_GRAYSCALE);
            frame.text = entry["text"].is_null() ? "" : entry["text"].get<std::string>();
            byWidth[entry["width"].get<int>()].push_back(std::move(frame));
        }
        return byWidth;
    }();
    return frames;
}

struct Outcome {
    double msPerFrame = 0;
    double msPerEmptyFrame = 0; ///< frames without a code: every pass runs and fails
    double decodeRate = 0;
};
std::map<std::string, std::map<int, Outcome>>& outcomes()
{
    static std::map<std::string, std::map<int, Outcome>> table;
    return table;
}

/// CPU time of this thread: the machine is shared, so wall time would measure the neighbours.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

/// Runs `decode(frame) -> text found (empty if none)` over every frame of the width.
template <class Decode>
void runOverCorpus(benchmark::State& state, const std::string& path, Decode decode)
{
    const int width = static_cast<int>(state.range(0));
    const auto& frames = corpus().at(width);
    long processed = 0;
    long correct = 0;
    long withCode = 0;
    double elapsedMs = 0;
    double emptyMs = 0;
    long empty = 0;
    for (auto _ : state) {
        for (const auto& frame : frames) {
            const double start = threadCpuMs();
            const std::string text = decode(frame.gray);
            const double took = threadCpuMs() - start;
            elapsedMs += took;
            benchmark::DoNotOptimize(text);
            ++processed;
            if (frame.text.empty()) {
                emptyMs += took;
                ++empty;
            }
            if (!frame.text.empty()) {
                ++withCode;
                correct += text == frame.text ? 1 : 0;
            }
        }
    }
    Outcome outcome;
    outcome.msPerFrame = elapsedMs / double(processed);
    outcome.msPerEmptyFrame = empty > 0 ? emptyMs / double(empty) : 0.0;
    outcome.decodeRate = withCode > 0 ? double(correct) / double(withCode) : 0.0;
    state.counters["ms_per_frame"] = outcome.msPerFrame;
    state.counters["ms_per_empty_frame"] = outcome.msPerEmptyFrame;
    state.counters["decode_rate"] = outcome.decodeRate;
    state.counters["frames"] = double(frames.size());
    outcomes()[path][width] = outcome;
}

drivers::DecoderOptions sameFormats()
{
    return {}; // QRCode, tryHarder, tryRotate, ZXing's own downscale: the driver's defaults
}

void BM_Pipeline(benchmark::State& state)
{
    auto zxing = drivers::ZxingDecoder::create(sameFormats());
    const drivers::FrameDecoder pipeline(std::move(*zxing), drivers::FrameStrategy{});
    runOverCorpus(state, "pipeline", [&](const cv::Mat& gray) {
        drivers::GrayView view;
        view.data = gray.data;
        view.width = gray.cols;
        view.height = gray.rows;
        view.rowStride = static_cast<int>(gray.step);
        const auto codes = pipeline.decode(view);
        return codes.empty() ? std::string() : codes.front().text;
    });
}

void BM_ZxingDirect(benchmark::State& state)
{
    const auto options = sameFormats();
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormatsFromString(options.formats))
        .setTryHarder(options.tryHarder)
        .setTryRotate(options.tryRotate)
        .setTryDownscale(options.tryDownscale);
    runOverCorpus(state, "zxing", [&](const cv::Mat& gray) {
        const ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum,
                                    static_cast<int>(gray.step));
        const auto results = ZXing::ReadBarcodes(view, hints);
        return results.empty() ? std::string() : results.front().text();
    });
}

void BM_Zbar(benchmark::State& state)
{
    using namespace zbar; // its C API lives in the namespace when compiled as C++
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    runOverCorpus(state, "zbar", [&](const cv::Mat& gray) {
        const cv::Mat continuous = gray.isContinuous() ? gray : gray.clone();
        zbar_image_t* image = zbar_image_create();
        zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
        zbar_image_set_size(image, unsigned(continuous.cols), unsigned(continuous.rows));
        zbar_image_set_data(image, continuous.data, continuous.total(), nullptr);
        std::string text;
        if (zbar_scan_image(scanner, image) > 0)
            text = zbar_symbol_get_data(zbar_image_first_symbol(image));
        zbar_image_destroy(image);
        return text;
    });
    zbar_image_scanner_destroy(scanner);
}

void widths(benchmark::internal::Benchmark* b)
{
    b->Arg(640)->Arg(1280)->Arg(1920)->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_ZxingDirect)->Apply(widths);
BENCHMARK(BM_Pipeline)->Apply(widths);
BENCHMARK(BM_Zbar)->Apply(widths);

/// The README table: ms per frame, time as a ratio to ZXing alone, decode rate.
void printTable()
{
    const auto& table = outcomes();
    if (!table.contains("zxing"))
        return;
    std::printf("\n| Path | Frame | ms/frame | vs ZXing alone | ms/frame without a code | Decode "
                "rate |\n|---|---|---|---|---|---|\n");
    const std::map<int, const char*> names{
        {640, "640x480"}, {1280, "1280x720"}, {1920, "1920x1080"}};
    for (const char* path : {"zxing", "pipeline", "zbar"}) {
        if (!table.contains(path))
            continue;
        for (const auto& [width, outcome] : table.at(path)) {
            const double base =
                table.at("zxing").contains(width) ? table.at("zxing").at(width).msPerFrame : 0.0;
            std::printf("| %s | %s | %.2f | %.2fx | %.2f | %.0f %% |\n", path, names.at(width),
                        outcome.msPerFrame, base > 0 ? outcome.msPerFrame / base : 0.0,
                        outcome.msPerEmptyFrame, outcome.decodeRate * 100);
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    printTable();
    return 0;
}
