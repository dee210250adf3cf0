// SPDX-License-Identifier: Apache-2.0
// The audit trail's append (flock, reading the chain head back, hashing, write, fdatasync every
// 16 records) against a bare append of the same line with the same fdatasync rhythm, in the
// same run; SHA-256 and SM3.
#include "kiosk/core/audit_trail.h"

#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
constexpr std::size_t batch = 16;

fs::path freshDir(const char* name)
{
    const auto dir = fs::temp_directory_path() /
                     ("audit_bench_" + std::string(name) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

kiosk::core::AuditEvent sampleEvent(std::int64_t i)
{
    return {.actor = "kiosk",
            .event = "queue.created",
            .object = "record " + std::to_string(i),
            .detail = {{"kind", "case"},
                       {"submissionId", "6f1c2a4e-8a55-4d1e-9a53-0c7f3b1a9d21"},
                       {"itemCode", "11510703MB1234567X4000111700001"}}};
}

void BM_BareAppend(benchmark::State& state)
{
    const auto dir = freshDir("bare");
    const int fd = ::open((dir / "bare.jsonl").c_str(), O_WRONLY | O_APPEND | O_CREAT, 0600);
    // A record as the trail writes it, about 420 bytes.
    const std::string line = std::string(420, 'x') + "\n";
    std::size_t written = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(::write(fd, line.data(), line.size()));
        if (++written % batch == 0)
            ::fdatasync(fd);
    }
    ::close(fd);
    fs::remove_all(dir);
}

void BM_AuditAppend(benchmark::State& state)
{
    const auto alg =
        state.range(0) == 0 ? kiosk::core::AuditHash::Sha256 : kiosk::core::AuditHash::Sm3;
    const auto dir = freshDir(state.range(0) == 0 ? "sha256" : "sm3");
    auto trail = kiosk::core::AuditTrail::open(dir, {.hash = alg, .fsyncBatch = batch});
    if (!trail) {
        state.SkipWithError("cannot open the trail");
        return;
    }
    std::int64_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize((*trail)->append(sampleEvent(++i)));
    trail->reset();
    fs::remove_all(dir);
}

} // namespace

BENCHMARK(BM_BareAppend)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AuditAppend)->Arg(0)->Arg(1)->ArgName("sm3")->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
