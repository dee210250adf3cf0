// SPDX-License-Identifier: Apache-2.0
// Receipts: encoding a receipt document to ESC/POS bytes (budget < 1 ms) and rendering those
// bytes to a PNG (budget < 50 ms). Baselines in the same run: for encoding, converting the
// receipt's text to GB18030 with iconv alone (what any encoder must do); for rendering,
// compressing the finished picture to PNG alone (what any picture of the receipt costs).
#include "drivers/receipt_printer/escpos_encoder.h"
#include "drivers/receipt_printer/escpos_renderer.h"
#include "drivers/receipt_printer/text_codec.h"
#include "tests/drivers/receipt_printer/sample_receipts.h"

#include <benchmark/benchmark.h>

namespace {

namespace rp = drivers::receipt_printer;

const hal::Receipt& receipt()
{
    static const hal::Receipt sample = sample_receipts::queuedOffline();
    return sample;
}

const char* profileName(std::int64_t index)
{
    return index == 0 ? "generic-80" : "generic-80-raster";
}

void BM_Baseline_TextToGb18030(benchmark::State& state)
{
    auto codec = rp::TextCodec::create("GB18030");
    for (auto _ : state)
        for (const auto& line : receipt().texts())
            benchmark::DoNotOptimize(codec->encode(line));
}
BENCHMARK(BM_Baseline_TextToGb18030)->Unit(benchmark::kMicrosecond);

/// Arg 0: native QR (generic-80); 1: QR as a raster image (generic-80-raster).
void BM_EncodeReceipt(benchmark::State& state)
{
    auto encoder = rp::EscPosEncoder::create(*rp::findProfile(profileName(state.range(0))));
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto job = encoder->encode(receipt());
        bytes = job->size();
        benchmark::DoNotOptimize(job);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_EncodeReceipt)->Arg(0)->Arg(1)->ArgName("raster")->Unit(benchmark::kMicrosecond);

std::vector<std::uint8_t> job(std::int64_t index)
{
    auto encoder = rp::EscPosEncoder::create(*rp::findProfile(profileName(index)));
    return *encoder->encode(receipt());
}

void BM_Baseline_PngOfTheFinishedPicture(benchmark::State& state)
{
    auto renderer = rp::EscPosRenderer::create();
    const auto picture = *renderer->render(job(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(rp::encodePng(picture));
}
BENCHMARK(BM_Baseline_PngOfTheFinishedPicture)->Unit(benchmark::kMillisecond);

/// Bytes to PNG: read the commands, draw text (FreeType, glyphs cached as a long-lived
/// renderer would), QR and raster, compress. The renderer (font loaded) is made once.
void BM_RenderReceiptToPng(benchmark::State& state)
{
    auto renderer = rp::EscPosRenderer::create();
    const auto bytes = job(state.range(0));
    for (auto _ : state) {
        auto picture = renderer->render(bytes);
        benchmark::DoNotOptimize(rp::encodePng(*picture));
    }
}
BENCHMARK(BM_RenderReceiptToPng)->Arg(0)->Arg(1)->ArgName("raster")->Unit(benchmark::kMillisecond);

/// The same with a new renderer each time (font opened, no glyph cache): kioskctl --png.
void BM_RenderReceiptToPngCold(benchmark::State& state)
{
    const auto bytes = job(0);
    for (auto _ : state) {
        auto renderer = rp::EscPosRenderer::create();
        auto picture = renderer->render(bytes);
        benchmark::DoNotOptimize(rp::encodePng(*picture));
    }
}
BENCHMARK(BM_RenderReceiptToPngCold)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
