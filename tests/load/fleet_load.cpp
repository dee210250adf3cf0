// SPDX-License-Identifier: Apache-2.0
// fleet-load: the fleet at province scale on one machine (issue 19 part 7). One process
// simulates N kiosks over MQTT (tests/load/mqtt_swarm) against a mosquitto it starts, and
// their catalog fetches over HTTP with ETag (tests/load/catalog_fetchers) against a
// platform-sim it starts; it reports heartbeats per second, the broker's, the platform's and
// its own CPU and memory (from /proc), the fetch storm's peak and the commands delivered.
// See docs/fleet.md. Intervals can be scaled down (--time-scale); the report says so.
#include "tests/load/catalog_fetchers.h"
#include "tests/load/mqtt_swarm.h"
#include "tests/load/proc_stats.h"
#include "tests/platform_sim/test_certificates.h"
#include "tests/support/server_process.h"

#include <CLI/CLI.hpp>
#include <curl/curl.h>
#include <mosquitto.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fleet_load {
namespace {

using Json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

struct Options {
    int kiosks = 10000;
    double timeScale = 1;
    int heartbeatPeriods = 2;
    bool tls = false;
    int connectsPerSecond = 500;
    int fetchWorkers = 8;
    int catalogKiB = 64;
    std::string prefix = "kiosk/510703";
    std::string workDir;
    std::string platformSim = PLATFORM_SIM_PROGRAM;
    std::string mosquitto = "/usr/sbin/mosquitto";
    bool json = false;
    bool check = false;
};

struct Child {
    pid_t pid = -1;
    ~Child()
    {
        if (pid > 0) {
            ::kill(pid, SIGTERM);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

/// fork + exec with the parent's death ending the child, stdout to `out` (or inherited).
pid_t spawn(const std::vector<std::string>& argv, int out, const std::string& errFile)
{
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent)
        ::_exit(127);
    if (out >= 0)
        ::dup2(out, STDOUT_FILENO);
    if (FILE* err = std::fopen(errFile.c_str(), "w"); err != nullptr)
        ::dup2(fileno(err), STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
}

bool listening(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

/// One descriptor per kiosk (tests/load/mqtt_swarm.cpp avoids libmosquitto's socket pairs)
/// plus slack; the soft limit is raised to the hard one, and the hard one too where allowed
/// (CAP_SYS_RESOURCE). The broker inherits it.
void raiseFileLimit(int kiosks)
{
    const auto wanted = static_cast<rlim_t>(kiosks + 1024);
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_max < wanted) {
        rlimit raised{wanted, wanted};
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            return;
    }
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < wanted)
        std::cerr << "fleet-load: file descriptor limit " << limit.rlim_cur << " < " << wanted
                  << ": raise the hard limit or simulate fewer kiosks\n";
}

std::string brokerConfig(const Options& options, int port, const sim_test::CertificateFiles* certs)
{
    const std::string acl = options.workDir + "/acl";
    std::ofstream(acl) << "pattern write " << options.prefix << "/%c/status\n"
                       << "pattern write " << options.prefix << "/%c/heartbeat\n"
                       << "pattern read " << options.prefix << "/%c/commands\n"
                       << "user fleet-admin\ntopic readwrite " << options.prefix << "/#\n";
    const passwd* self = ::getpwuid(::getuid());
    const std::string config = options.workDir + "/mosquitto.conf";
    std::ofstream out(config);
    out << "user " << (self != nullptr ? self->pw_name : "root") << "\n"
        << "per_listener_settings false\npersistence false\nmax_connections -1\n"
        << "log_dest file " << options.workDir << "/mosquitto.log\nlog_type error\n"
        << "log_type warning\nconnection_messages false\n"
        << "listener " << port << " 127.0.0.1\nacl_file " << acl << "\n";
    if (certs != nullptr)
        out << "cafile " << certs->caCert << "\ncertfile " << certs->serverCert << "\nkeyfile "
            << certs->serverKey << "\nrequire_certificate true\nuse_identity_as_username true\n";
    else
        out << "allow_anonymous true\n";
    return config;
}

/// One client context for all kiosks (or the administrator): CA, certificate, key.
SSL_CTX* clientTls(const std::string& ca, const std::string& cert, const std::string& key)
{
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == nullptr || SSL_CTX_load_verify_locations(ctx, ca.c_str(), nullptr) != 1 ||
        SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1)
        throw std::runtime_error("TLS client context: cannot load " + cert);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    return ctx;
}

/// An envelope of about `kib` KiB (platform-sim checks only its shape; the simulated kiosks do
/// not verify it).
std::string syntheticEnvelope(int version, int kib)
{
    Json catalog{{"catalogVersion", version}, {"items", Json::array()}};
    for (int i = 0; static_cast<int>(catalog.dump().size()) < kib * 1024; ++i)
        catalog["items"].push_back({{"code", "ITEM-" + std::to_string(i)},
                                    {"name", "事项 " + std::to_string(i)},
                                    {"department", "load test"}});
    const std::string payload = catalog.dump();
    std::string base64(4 * ((payload.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()),
                                       reinterpret_cast<const unsigned char*>(payload.data()),
                                       static_cast<int>(payload.size()));
    base64.resize(static_cast<std::size_t>(length));
    return Json{{"alg", "ed25519"}, {"keyId", "load"}, {"payload", base64}, {"signature", "AAAA"}}
        .dump();
}

std::size_t appendTo(char* data, std::size_t size, std::size_t count, void* out)
{
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

/// POST /admin/catalog (the endpoint kioskctl fleet publish-catalog uses); returns the ETag.
std::string publishCatalog(const std::string& platform, const std::string& envelope)
{
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    std::string body;
    const std::string url = platform + "/admin/catalog";
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    // As JSON: cpp-httplib refuses form-encoded bodies over 8 KiB (curl's default type).
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headerList(
        headers, &curl_slist_free_all);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, envelope.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &appendTo);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
    if (curl_easy_perform(curl.get()) != CURLE_OK)
        throw std::runtime_error("cannot publish the catalog on " + url);
    const Json answer = Json::parse(body, nullptr, false);
    if (!answer.is_object() || !answer.value("etag", Json()).is_string())
        throw std::runtime_error("platform-sim refused the catalog: " + body);
    return answer["etag"].get<std::string>();
}

struct Processes {
    pid_t broker = -1;
    pid_t platform = -1;
};

Json sampleJson(const ProcSample& before, const ProcSample& after, double wall)
{
    return {{"cpuPercentOfOneCore", std::round(cpuPercent(before, after, wall) * 10) / 10},
            {"rssMiB", after.rssKiB / 1024},
            {"peakRssMiB", after.peakRssKiB / 1024}};
}

/// The three processes' CPU and memory over a phase.
class PhaseMeter {
public:
    explicit PhaseMeter(const Processes& processes) : processes_(processes) { restart(); }
    void restart()
    {
        start_ = SteadyClock::now();
        broker_ = sampleProcess(processes_.broker);
        platform_ = sampleProcess(processes_.platform);
        self_ = sampleProcess(0);
    }
    [[nodiscard]] double seconds() const
    {
        return std::chrono::duration<double>(SteadyClock::now() - start_).count();
    }
    [[nodiscard]] Json report() const
    {
        const double wall = seconds();
        return {{"seconds", std::round(wall * 10) / 10},
                {"broker", sampleJson(broker_, sampleProcess(processes_.broker), wall)},
                {"platformSim", sampleJson(platform_, sampleProcess(processes_.platform), wall)},
                {"simulator", sampleJson(self_, sampleProcess(0), wall)}};
    }

private:
    Processes processes_;
    SteadyClock::time_point start_;
    ProcSample broker_, platform_, self_;
};

/// Runs the swarm in slices until `done` or `limit`.
template <typename Done> double runUntil(Swarm& swarm, std::chrono::milliseconds limit, Done done)
{
    const auto start = SteadyClock::now();
    while (!done() && SteadyClock::now() - start < limit)
        swarm.runFor(std::chrono::milliseconds(100));
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

/// A sync_catalog to all kiosks; each fetches at a random time in the window.
Json catalogRound(Swarm& swarm, CatalogFetchers& fetchers, const Options& options,
                  const Processes& processes, const std::string& id,
                  std::chrono::milliseconds window)
{
    const auto kiosks = static_cast<std::uint64_t>(options.kiosks);
    fetchers.resetCounts();
    const std::uint64_t receivedBefore = swarm.counts().commandsReceived;
    const std::uint64_t publishedBefore = swarm.counts().commandsPublished;
    PhaseMeter meter(processes);
    swarm.commandAll("sync_catalog", id);
    const double delivered = runUntil(swarm, window + std::chrono::seconds(60), [&] {
        return swarm.counts().commandsReceived - receivedBefore >= kiosks;
    });
    runUntil(swarm, window + std::chrono::seconds(120), [&] {
        const FetchCounts counts = fetchers.counts();
        return fetchers.outstanding() == 0 && counts.ok + counts.notModified + counts.failed >=
                                                  swarm.counts().commandsReceived - receivedBefore;
    });
    const FetchCounts counts = fetchers.counts();
    Json report = meter.report();
    report["commandsPublished"] = swarm.counts().commandsPublished - publishedBefore;
    report["commandsDelivered"] = swarm.counts().commandsReceived - receivedBefore;
    report["secondsToDeliverAll"] = std::round(delivered * 100) / 100;
    report["fetch"] = {{"ok200", counts.ok},
                       {"notModified304", counts.notModified},
                       {"failed", counts.failed},
                       {"peakPerSecond", counts.peakPerSecond},
                       {"meanPerSecond", std::round(counts.meanPerSecond * 10) / 10}};
    return report;
}

std::vector<std::string> kioskIds(int kiosks)
{
    std::vector<std::string> ids;
    for (int i = 0; i < kiosks; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "SC-510703-%05d", i);
        ids.emplace_back(id);
    }
    return ids;
}

int run(Options options)
{
    const bool ownWorkDir = options.workDir.empty();
    if (ownWorkDir) {
        char dir[] = "/tmp/fleet-load-XXXXXX";
        if (::mkdtemp(dir) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        options.workDir = dir;
    }
    raiseFileLimit(options.kiosks);
    const auto interval = std::chrono::milliseconds(static_cast<long>(60000 / options.timeScale));
    const auto window = std::chrono::milliseconds(static_cast<long>(300000 / options.timeScale));

    std::optional<sim_test::CertificateFiles> certs;
    SSL_CTX* kioskTls = nullptr;
    SSL_CTX* adminTls = nullptr;
    if (options.tls) {
        certs = sim_test::writeTestCertificates(options.workDir);
        // One certificate for all simulated kiosks (the ACL uses the client id, %c);
        // real kiosks each have their own, with the CN as user name.
        const auto kiosk =
            sim_test::issueClientCertificate(*certs, options.workDir + "/kiosk", "kiosk-load");
        const auto admin =
            sim_test::issueClientCertificate(*certs, options.workDir + "/admin", "fleet-admin");
        kioskTls = clientTls(certs->caCert, kiosk.first, kiosk.second);
        adminTls = clientTls(certs->caCert, admin.first, admin.second);
    }
    const int brokerPort = test_support::freeLoopbackPort();
    Child broker;
    broker.pid = spawn(
        {options.mosquitto, "-c", brokerConfig(options, brokerPort, certs ? &*certs : nullptr)}, -1,
        options.workDir + "/mosquitto.stderr");
    for (int i = 0; i < 1000 && !listening(brokerPort); ++i)
        ::usleep(10000);
    if (!listening(brokerPort))
        throw std::runtime_error("mosquitto did not start (see " + options.workDir + ")");

    const std::string portFile = options.workDir + "/platform-sim.port";
    Child platform;
    {
        FILE* out = std::fopen(portFile.c_str(), "w");
        platform.pid = spawn({options.platformSim, "--port", "0", "--print-port"}, fileno(out),
                             options.workDir + "/platform-sim.log");
        std::fclose(out);
    }
    std::string platformPort;
    for (int i = 0; i < 1000 && platformPort.empty(); ++i) {
        ::usleep(10000);
        std::ifstream(portFile) >> platformPort;
    }
    if (platformPort.empty())
        throw std::runtime_error("platform-sim did not start (see " + options.workDir + ")");
    const std::string platformUrl = "http://127.0.0.1:" + platformPort;
    const Processes processes{broker.pid, platform.pid};

    const std::string firstEtag =
        publishCatalog(platformUrl, syntheticEnvelope(1, options.catalogKiB));
    const auto ids = kioskIds(options.kiosks);
    CatalogFetchers fetchers(platformUrl, ids, firstEtag, options.fetchWorkers);
    std::mt19937_64 random(7);
    SwarmOptions swarmOptions;
    swarmOptions.port = brokerPort;
    swarmOptions.prefix = options.prefix;
    swarmOptions.kioskIds = ids;
    swarmOptions.tls = kioskTls;
    swarmOptions.adminTls = adminTls;
    swarmOptions.heartbeatInterval = interval;
    swarmOptions.connectsPerSecond = options.connectsPerSecond;
    swarmOptions.onSyncCatalog = [&](std::size_t kiosk) {
        std::uniform_int_distribution<long> delay(0, window.count());
        fetchers.schedule(kiosk, SteadyClock::now() + std::chrono::milliseconds(delay(random)));
    };
    Swarm swarm(swarmOptions);
    const auto all = static_cast<std::uint64_t>(options.kiosks) + 1;

    Json report{{"kiosks", options.kiosks},
                {"tls", options.tls},
                {"timeScale", options.timeScale},
                {"heartbeatIntervalS", interval.count() / 1000.0},
                {"fetchWindowS", window.count() / 1000.0},
                {"catalogBytes", syntheticEnvelope(2, options.catalogKiB).size()},
                {"machine", {{"cpus", ::sysconf(_SC_NPROCESSORS_ONLN)}}}};
    PhaseMeter connectMeter(processes);
    const double connectSeconds = runUntil(
        swarm,
        std::chrono::milliseconds(1000L * options.kiosks / options.connectsPerSecond + 120000),
        [&] { return swarm.counts().connected >= all; });
    report["connect"] = connectMeter.report();
    report["connect"]["connected"] = swarm.counts().connected - (swarm.adminConnected() ? 1 : 0);
    report["connect"]["seconds"] = std::round(connectSeconds * 10) / 10;

    PhaseMeter steady(processes);
    const std::uint64_t ackedBefore = swarm.counts().heartbeatsAcked;
    swarm.runFor(interval * options.heartbeatPeriods);
    report["heartbeats"] = steady.report();
    const double beatsPerSecond =
        static_cast<double>(swarm.counts().heartbeatsAcked - ackedBefore) / steady.seconds();
    report["heartbeats"]["ackedPerSecond"] = std::round(beatsPerSecond * 10) / 10;
    report["heartbeats"]["expectedPerSecond"] =
        std::round(options.kiosks * 1000.0 / static_cast<double>(interval.count()) * 10) / 10;

    const std::string secondEtag =
        publishCatalog(platformUrl, syntheticEnvelope(2, options.catalogKiB));
    report["catalogPush"] = catalogRound(swarm, fetchers, options, processes, "push", window);
    report["catalogUnchanged"] = catalogRound(swarm, fetchers, options, processes, "again", window);
    report["totals"] = {{"heartbeatsSent", swarm.counts().heartbeatsSent},
                        {"heartbeatsAcked", swarm.counts().heartbeatsAcked},
                        {"disconnects", swarm.counts().disconnects},
                        {"connects", swarm.counts().connects}};
    if (!ownWorkDir)
        report["workDir"] = options.workDir; // kept: the broker's log and configs are there
    if (kioskTls != nullptr)
        SSL_CTX_free(kioskTls);
    if (adminTls != nullptr)
        SSL_CTX_free(adminTls);

    std::cout << report.dump(options.json ? -1 : 2) << std::endl;
    if (ownWorkDir) {
        std::error_code ignored;
        std::filesystem::remove_all(options.workDir, ignored);
    }
    if (!options.check)
        return 0;
    const auto kiosks = static_cast<std::uint64_t>(options.kiosks);
    const bool ok = report["connect"]["connected"] == kiosks && beatsPerSecond > 0 &&
                    report["catalogPush"]["commandsDelivered"] == kiosks &&
                    report["catalogPush"]["fetch"]["ok200"] == kiosks &&
                    report["catalogUnchanged"]["commandsDelivered"] == kiosks &&
                    report["catalogUnchanged"]["fetch"]["notModified304"] == kiosks &&
                    report["catalogPush"]["fetch"]["failed"] == 0 &&
                    report["catalogUnchanged"]["fetch"]["failed"] == 0;
    if (!ok)
        std::cerr << "fleet-load: --check failed (see the report)\n";
    return ok ? 0 : 1;
}

} // namespace
} // namespace fleet_load

int main(int argc, char** argv)
{
    CLI::App app("fleet-load: N simulated kiosks on one mosquitto and one platform-sim");
    fleet_load::Options options;
    app.add_option("--kiosks", options.kiosks, "Simulated kiosks")
        ->capture_default_str()
        ->check(CLI::Range(1, 200000));
    app.add_option("--time-scale", options.timeScale,
                   "Divide the 60 s heartbeat interval and the 5 min fetch window by this")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 600.0));
    app.add_option("--heartbeat-periods", options.heartbeatPeriods,
                   "Heartbeat intervals measured in the steady phase")
        ->capture_default_str()
        ->check(CLI::Range(1, 100));
    app.add_flag("--tls", options.tls, "Mutual TLS to the broker (otherwise plain MQTT)");
    app.add_option("--connects-per-second", options.connectsPerSecond, "Connect pacing")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    app.add_option("--fetch-workers", options.fetchWorkers, "HTTP fetch threads (keep-alive)")
        ->capture_default_str()
        ->check(CLI::Range(1, 60));
    app.add_option("--catalog-kib", options.catalogKiB, "Size of the catalog fetched")
        ->capture_default_str()
        ->check(CLI::Range(1, 8192));
    app.add_option("--work-dir", options.workDir,
                   "Configs, certificates and logs (default: new /tmp dir)");
    app.add_option("--platform-sim", options.platformSim, "The platform-sim program")
        ->capture_default_str();
    app.add_option("--mosquitto", options.mosquitto, "The mosquitto program")
        ->capture_default_str();
    app.add_flag("--json", options.json, "One-line JSON report");
    app.add_flag("--check", options.check,
                 "Exit 1 unless every kiosk connected, got both commands and fetched");
    CLI11_PARSE(app, argc, argv);
    std::signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    mosquitto_lib_init();
    try {
        const int code = fleet_load::run(options);
        mosquitto_lib_cleanup();
        return code;
    } catch (const std::exception& error) {
        std::cerr << "fleet-load: " << error.what() << "\n";
        return 1;
    }
}
