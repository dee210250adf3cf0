// SPDX-License-Identifier: Apache-2.0
// The offline queue's performance, each figure next to a baseline measured in the same run:
//  (a) durable enqueue of a case with two 200 KiB materials (sealed, one transaction) against
//      a bare SQLite WAL synchronous=FULL insert of the same bytes;
//  (b) draining 1,000 queued cases to platform-sim with 20 ms added latency, concurrently,
//      against one-at-a-time delivery of the same cases (plain http://, so HTTP/1.1); and the
//      same concurrent drain over mutual TLS through nghttpx, with h2 and without it;
//  (c) the resident memory while draining 10,000 records (it must stay flat).
// platform-sim runs as its own process (the real program), so that its memory and threads do
// not count as the kiosk's. KIOSK_BENCH_QUICK=1 (the ctest smoke run) uses 1/10 of the records.
#include "offline_queue/curl_uplink.h"
#include "offline_queue/store.h"
#include "offline_queue/sync_loop.h"
#include "tests/platform_sim/test_certificates.h"
#include "tests/support/nghttpx.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <openssl/rand.h>
#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
constexpr const char* kioskId = "SC-510703-0042";

bool quick()
{
    return std::getenv("KIOSK_BENCH_QUICK") != nullptr;
}

/// A private scratch directory, removed at the end.
struct Scratch {
    std::filesystem::path path;
    Scratch()
    {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "kiosk-bench-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~Scratch() { std::filesystem::remove_all(path); }
};

std::vector<std::uint8_t> randomBytes(std::size_t size)
{
    std::vector<std::uint8_t> bytes(size);
    RAND_bytes(bytes.data(), static_cast<int>(bytes.size()));
    return bytes;
}

queue::CaseInput sampleCase(int index, int materials, std::size_t materialSize)
{
    queue::CaseInput input;
    input.body = {{"kioskId", kioskId},
                  {"itemCode", "11510703060000000X400000079"},
                  {"catalogVersion", 2026112401},
                  {"applicant",
                   {{"idType", "resident"},
                    {"idNumber", "51070319520308002X"},
                    {"name", "李秀英"},
                    {"phone", "13808161234"}}},
                  {"form", {{"phone", "13808161234"}, {"seq", std::to_string(index)}}},
                  {"delivery", {{"method", "pickup"}}},
                  {"createdAt", "2026-11-24T10:15:00+08:00"}};
    for (int i = 0; i < materials; ++i)
        input.materials.push_back(
            {"材料" + std::to_string(i), "image/jpeg", randomBytes(materialSize)});
    return input;
}

// (a) ---------------------------------------------------------------------------------------

double bareNanosPerInsert = 0; ///< the baseline of (a), measured first

void BM_BareSqliteInsert(benchmark::State& state)
{
    Scratch scratch;
    sqlite3* db = nullptr;
    sqlite3_open((scratch.path / "bare.db").c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER "
                 "PRIMARY KEY, key TEXT, body BLOB)",
                 nullptr, nullptr, nullptr);
    const auto input = sampleCase(0, 2, 200 * 1024);
    const std::string caseJson = input.body.dump();
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t (key, body) VALUES (?, ?)", -1, &insert, nullptr);
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (int row = 0; row < 3; ++row) {
            const std::string key = std::to_string(state.iterations()) + "-" + std::to_string(row);
            sqlite3_bind_text(insert, 1, key.c_str(), -1, SQLITE_TRANSIENT);
            if (row < 2)
                sqlite3_bind_blob(insert, 2, input.materials[row].bytes.data(),
                                  static_cast<int>(input.materials[row].bytes.size()),
                                  SQLITE_STATIC);
            else
                sqlite3_bind_blob(insert, 2, caseJson.data(), static_cast<int>(caseJson.size()),
                                  SQLITE_STATIC);
            sqlite3_step(insert);
            sqlite3_reset(insert);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    bareNanosPerInsert = std::chrono::duration<double, std::nano>(elapsed).count() /
                         static_cast<double>(state.iterations());
    sqlite3_finalize(insert);
    sqlite3_close(db);
}

void BM_DurableEnqueueCase(benchmark::State& state)
{
    Scratch scratch;
    auto store = std::move(*queue::Store::open(scratch.path / "queue.db"));
    const auto input = sampleCase(0, 2, 200 * 1024);
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        auto ref = store->enqueueCase(input);
        if (!ref)
            state.SkipWithError(ref.error().describe().c_str());
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const double nanos = std::chrono::duration<double, std::nano>(elapsed).count() /
                         static_cast<double>(state.iterations());
    if (bareNanosPerInsert > 0)
        state.counters["x_bare_sqlite"] = nanos / bareNanosPerInsert;
}

/// (a) paired: each iteration does one bare insert and one enqueue of the same bytes, in
/// alternation, so that both see the same disk at the same moment; the ratio of the sums is
/// the figure.
void BM_EnqueueVsBarePaired(benchmark::State& state)
{
    Scratch scratch;
    sqlite3* db = nullptr;
    sqlite3_open((scratch.path / "bare.db").c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER "
                 "PRIMARY KEY, key TEXT, body BLOB)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t (key, body) VALUES (?, ?)", -1, &insert, nullptr);
    auto store = std::move(*queue::Store::open(scratch.path / "queue.db"));
    const auto input = sampleCase(0, 2, 200 * 1024);
    const std::string caseJson = input.body.dump();
    std::chrono::duration<double> bare{};
    std::chrono::duration<double> queued{};
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (int row = 0; row < 3; ++row) {
            const std::string key = std::to_string(state.iterations()) + "-" + std::to_string(row);
            const std::string_view body =
                row < 2 ? std::string_view(
                              reinterpret_cast<const char*>(input.materials[row].bytes.data()),
                              input.materials[row].bytes.size())
                        : std::string_view(caseJson);
            sqlite3_bind_text(insert, 1, key.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_blob(insert, 2, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
            sqlite3_step(insert);
            sqlite3_reset(insert);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        const auto t1 = std::chrono::steady_clock::now();
        if (!store->enqueueCase(input))
            state.SkipWithError("enqueue failed");
        const auto t2 = std::chrono::steady_clock::now();
        bare += t1 - t0;
        queued += t2 - t1;
    }
    const auto n = static_cast<double>(state.iterations());
    state.counters["bare_ms"] = bare.count() * 1000 / n;
    state.counters["enqueue_ms"] = queued.count() * 1000 / n;
    state.counters["x_bare_sqlite"] = queued.count() / bare.count();
    sqlite3_finalize(insert);
    sqlite3_close(db);
}

// (b), (c) ----------------------------------------------------------------------------------

/// The platform-sim program on a free port, stopped (SIGTERM) when this goes.
class SimProcess {
public:
    explicit SimProcess(int latencyMs)
    {
        int fds[2];
        if (pipe(fds) != 0)
            return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            const std::string latency = std::to_string(latencyMs);
            execl(PLATFORM_SIM_PROGRAM, PLATFORM_SIM_PROGRAM, "--port", "0", "--print-port",
                  "--kiosk-id", kioskId, "--latency-ms", latency.c_str(), nullptr);
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        char c = 0;
        while (read(fds[0], &c, 1) == 1 && c != '\n')
            line.push_back(c);
        close(fds[0]);
        port_ = std::atoi(line.c_str());
        url_ = "http://127.0.0.1:" + line;
    }
    ~SimProcess()
    {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
        }
    }
    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] int port() const { return port_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string url_;
};

/// An uplink to `url`; over mutual TLS with `tls`'s CA and client certificate when given.
std::unique_ptr<queue::CurlUplink> makeUplink(const std::string& url,
                                              const sim_test::CertificateFiles* tls = nullptr)
{
    queue::UplinkOptions options;
    options.baseUrl = url;
    options.kioskId = kioskId;
    options.userAgent = "kiosk-bench/1";
    options.allowInsecureLoopback = true;
    if (tls != nullptr) {
        options.caFile = tls->caCert;
        options.certFile = tls->clientCert;
        options.keyFile = tls->clientKey;
    }
    return std::move(*queue::CurlUplink::create(options));
}

/// Forwards to another uplink and counts the answers that came over HTTP/2.
class Http2Count final : public queue::Uplink {
public:
    explicit Http2Count(queue::Uplink& inner) : inner_(inner) {}
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest& request,
                                             std::stop_token stop) override
    {
        auto answer = inner_.send(request, std::move(stop));
        count(answer);
        return answer;
    }
    std::vector<base::Result<queue::UplinkResponse>>
    sendAll(std::span<const queue::UplinkRequest> requests, std::stop_token stop) override
    {
        auto results = inner_.sendAll(requests, std::move(stop));
        for (const auto& result : results)
            count(result);
        return results;
    }
    /// The share of answers that came over HTTP/2, 0..1.
    [[nodiscard]] double share() const
    {
        return answers_ > 0 ? static_cast<double>(http2_) / static_cast<double>(answers_) : 0;
    }

private:
    void count(const base::Result<queue::UplinkResponse>& answer)
    {
        if (!answer)
            return;
        ++answers_;
        http2_ += answer->httpVersion == queue::HttpVersion::Http2 ? 1 : 0;
    }
    queue::Uplink& inner_;
    long answers_ = 0;
    long http2_ = 0;
};

/// The same link, one request at a time: the baseline of (b).
class OneAtATime final : public queue::Uplink {
public:
    explicit OneAtATime(queue::Uplink& inner) : inner_(inner) {}
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest& request,
                                             std::stop_token = {}) override
    {
        return inner_.send(request);
    }

private:
    queue::Uplink& inner_;
};

/// Cases accepted by platform-sim (GET /admin/state).
long acceptedCases(queue::Uplink& uplink)
{
    queue::UplinkRequest request;
    request.method = "GET";
    request.path = "/admin/state";
    auto answer = uplink.send(request);
    if (!answer)
        return -1;
    const auto json = nlohmann::json::parse(answer->body, nullptr, false);
    return json.is_object() ? json["counts"]["cases"].get<long>() : -1;
}

long rssKiB()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double oneAtATimeSeconds = 0;  ///< the baseline of (b), measured first
double concurrentSeconds = 0;  ///< (b) over plain HTTP/1.1, a baseline of the runs through nghttpx
double frontHttp11Seconds = 0; ///< (b) through nghttpx offering only http/1.1

/// Fills a fresh store with `cases` cases, then drains it through `uplink` (timed).
double drainSeconds(queue::Uplink& uplink, int cases, int materials, benchmark::State& state,
                    const std::function<void()>& perPass = {})
{
    Scratch scratch;
    auto store = std::move(*queue::Store::open(scratch.path / "queue.db"));
    for (int i = 0; i < cases; ++i)
        if (!store->enqueueCase(sampleCase(i, materials, 2048)))
            state.SkipWithError("enqueue failed");
    base::SystemClock clock;
    queue::SyncOptions options;
    options.batchSize = 64;
    Http2Count counted(uplink);
    queue::SyncLoop loop(*store, counted, clock, options);
    const auto start = std::chrono::steady_clock::now();
    while (store->counts()->pending > 0) {
        if (!loop.runPass()) {
            state.SkipWithError("a pass failed");
            break;
        }
        if (perPass)
            perPass();
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    state.counters["http2_share"] = counted.share();
    return std::chrono::duration<double>(elapsed).count();
}

void BM_DrainOneAtATime(benchmark::State& state)
{
    const int cases = quick() ? 100 : 1000;
    for (auto _ : state) {
        state.PauseTiming();
        SimProcess sim(20);
        auto uplink = makeUplink(sim.url());
        OneAtATime serial(*uplink);
        state.ResumeTiming();
        oneAtATimeSeconds = drainSeconds(serial, cases, 0, state);
        state.counters["seconds"] = oneAtATimeSeconds;
        state.counters["accepted"] = static_cast<double>(acceptedCases(*uplink));
    }
}

void BM_DrainConcurrent(benchmark::State& state)
{
    const int cases = quick() ? 100 : 1000;
    for (auto _ : state) {
        state.PauseTiming();
        SimProcess sim(20);
        auto uplink = makeUplink(sim.url());
        state.ResumeTiming();
        const double seconds = drainSeconds(*uplink, cases, 0, state);
        concurrentSeconds = seconds;
        state.counters["seconds"] = seconds;
        state.counters["connections"] = static_cast<double>(uplink->connectionsOpened());
        state.counters["accepted"] = static_cast<double>(acceptedCases(*uplink));
        if (oneAtATimeSeconds > 0)
            state.counters["speedup"] = oneAtATimeSeconds / seconds;
    }
}

/// (b) through nghttpx: mutual TLS (ALPN offering `alpn`) in front of the same platform-sim
/// program, which it reaches over plain HTTP/1.1 on loopback. "h2,http/1.1": curl picks h2
/// and multiplexes; "http/1.1": the same path without h2. x_plain_http11 is the ratio to
/// BM_DrainConcurrent, x_nghttpx_http11 the h2 run's ratio to the http/1.1 run through nghttpx.
void BM_DrainThroughNghttpx(benchmark::State& state, const std::string& alpn)
{
    const int cases = quick() ? 100 : 1000;
    SimProcess sim(20);
    Scratch scratch;
    const auto certificates = sim_test::writeTestCertificates(scratch.path.string());
    test_support::NghttpxOptions front;
    front.backendPort = sim.port();
    front.certFile = certificates.serverCert;
    front.keyFile = certificates.serverKey;
    front.clientCaFile = certificates.caCert;
    front.alpn = alpn;
    std::string error;
    const auto proxy = test_support::Nghttpx::start(front, error);
    if (!proxy) {
        state.SkipWithError(error.c_str());
        return;
    }
    auto uplink = makeUplink(proxy->baseUrl(), &certificates);
    for (auto _ : state) {
        const double seconds = drainSeconds(*uplink, cases, 0, state);
        state.counters["seconds"] = seconds;
        state.counters["connections"] = static_cast<double>(uplink->connectionsOpened());
        state.counters["accepted"] = static_cast<double>(acceptedCases(*uplink));
        if (concurrentSeconds > 0)
            state.counters["x_plain_http11"] = seconds / concurrentSeconds;
        if (alpn == "http/1.1")
            frontHttp11Seconds = seconds;
        else if (frontHttp11Seconds > 0)
            state.counters["x_nghttpx_http11"] = seconds / frontHttp11Seconds;
    }
}

void BM_DrainMemory(benchmark::State& state)
{
    // 2,500 cases with 3 materials each: 10,000 records.
    const int cases = quick() ? 250 : 2500;
    for (auto _ : state) {
        SimProcess sim(0);
        auto uplink = makeUplink(sim.url());
        long first = 0;
        long peak = 0;
        long passes = 0;
        drainSeconds(*uplink, cases, 3, state, [&] {
            const long rss = rssKiB();
            // The first passes warm up (connections, SQLite's page cache): measure after them.
            if (++passes == 3)
                first = rss;
            peak = std::max(peak, rss);
        });
        state.counters["records"] = cases * 4.0;
        state.counters["rss_after_warmup_KiB"] = static_cast<double>(first);
        state.counters["rss_peak_KiB"] = static_cast<double>(peak);
        state.counters["rss_end_KiB"] = static_cast<double>(rssKiB());
        state.counters["growth_KiB"] = static_cast<double>(peak - first);
    }
}

} // namespace

BENCHMARK(BM_BareSqliteInsert)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DurableEnqueueCase)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EnqueueVsBarePaired)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DrainOneAtATime)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_DrainConcurrent)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK_CAPTURE(BM_DrainThroughNghttpx, http11, std::string("http/1.1"))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_DrainThroughNghttpx, h2, std::string("h2,http/1.1"))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_DrainMemory)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

BENCHMARK_MAIN();
