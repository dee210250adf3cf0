// SPDX-License-Identifier: Apache-2.0
// The host-side cost of what a review tablet sends: splitting the stream into lines and
// reading each through the checked parser (hostile lines included), per line. The baseline is
// the least any reader must do: nlohmann::json::parse of the same lines, unchecked. A flood of
// lines costs the driver's thread this much per line, never the kiosk's screen.
#include "drivers/review_tablet/line_splitter.h"
#include "drivers/review_tablet/tablet_message.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

namespace {

/// 1,000 lines as a tablet sends them: pongs, ratings with reasons and comments, and some
/// lines a broken tablet sends (out of range, unknown type, not JSON).
std::string stream()
{
    const std::string lines[] = {
        R"({"type":"pong","seq":42})",
        R"({"type":"rating","requestId":"3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c","level":2,"reasons":["R01","R03"],"comment":"等候时间太长了"})",
        R"({"type":"rating","requestId":"3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c","level":5})",
        R"({"type":"rating","requestId":"flood","level":9})",
        R"({"type":"selfdestruct"})",
        R"({"type":"rating","level":)",
    };
    std::string text;
    for (int i = 0; i < 1000; ++i)
        text += lines[i % 6] + "\n";
    return text;
}

void BM_Baseline_NlohmannParse(benchmark::State& state)
{
    const auto text = stream();
    for (auto _ : state) {
        std::size_t start = 0;
        for (auto end = text.find('\n'); end != std::string::npos;
             start = end + 1, end = text.find('\n', start)) {
            auto json = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
            benchmark::DoNotOptimize(json);
        }
    }
    state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_Baseline_NlohmannParse);

void BM_SplitAndParseTabletLines(benchmark::State& state)
{
    using namespace drivers::review_tablet;
    const auto text = stream();
    for (auto _ : state) {
        LineSplitter splitter;
        splitter.feed(
            text,
            [](std::string_view line) {
                auto message = parseTabletLine(line);
                benchmark::DoNotOptimize(message);
            },
            [] {});
    }
    state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_SplitAndParseTabletLines);

} // namespace
BENCHMARK_MAIN();
