// SPDX-License-Identifier: Apache-2.0
// The host-side cost of one ID card read: reassembling the 1295-byte response from the
// line, decoding the card record and the text layout, and the number and expiry checks.
// Budget: under 50 us per read. The baseline is the least any decoder must do with the
// frame: copy it once and XOR its checksum.
#include "drivers/card_reader/card_checks.h"
#include "drivers/card_reader/card_record.h"
#include "drivers/card_reader/sam/frame.h"
#include "drivers/fake/fake_card_reader.h"
#include "tests/support/idcard_sim/sam_device.h"

#include <benchmark/benchmark.h>

#include <cstring>

namespace {

std::vector<std::uint8_t> readFrame(std::size_t card)
{
    const auto data = test_support::readData(drivers::fake::sampleCards()[card]);
    return test_support::responseFrame(0x90, data);
}

void BM_Baseline_CopyAndChecksum(benchmark::State& state)
{
    const auto frame = readFrame(0);
    std::vector<std::uint8_t> copy(frame.size());
    for (auto _ : state) {
        std::memcpy(copy.data(), frame.data(), frame.size());
        std::uint8_t check = 0;
        for (std::size_t i = 5; i + 1 < copy.size(); ++i)
            check ^= copy[i];
        benchmark::DoNotOptimize(check);
    }
}
BENCHMARK(BM_Baseline_CopyAndChecksum);

/// What the driver does per read after the bytes arrived (the transport's wait excluded).
void BM_HostOverheadPerRead(benchmark::State& state)
{
    using namespace drivers::card_reader;
    const auto frame = readFrame(static_cast<std::size_t>(state.range(0)));
    const std::string today = "2026-11-24";
    for (auto _ : state) {
        sam::StreamDecoder decoder;
        decoder.feed(frame);
        auto response = decoder.next();
        auto card = decodeCardRecord(response->data);
        response->wipe();
        const bool valid = idNumberValid(*card);
        const bool over = expired(*card, today);
        benchmark::DoNotOptimize(valid);
        benchmark::DoNotOptimize(over);
        card->wipe();
    }
}
BENCHMARK(BM_HostOverheadPerRead)->Arg(0)->Arg(3)->ArgName("card");

} // namespace

BENCHMARK_MAIN();
