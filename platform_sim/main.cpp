// SPDX-License-Identifier: Apache-2.0
// platform-sim: runs the platform API simulator until SIGINT or SIGTERM (see README.md).
#include "base/log.h"
#include "platform_sim/server.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>

namespace {

struct Flags {
    platform_sim::Options options;
    bool printPort = false;
    std::string tlsCert;
    std::string tlsKey;
    std::string clientCa;
};

void addServerFlags(CLI::App& app, Flags& flags)
{
    platform_sim::Options& o = flags.options;
    app.add_option("--port", o.port, "TCP port on 127.0.0.1; 0 picks a free one")
        ->check(CLI::Range(0, 65535));
    app.add_flag("--print-port", flags.printPort,
                 "print the bound port as the first line of stdout once listening");
    app.add_option("--kiosk-id", o.kioskId, "accept only this X-Kiosk-Id (others get 403)");
    app.add_option("--region", o.region,
                   "region part of case numbers (default: from the kiosk id)");
    app.add_option("--catalog", o.catalogFile, "signed catalog envelope served at GET /v1/catalog")
        ->check(CLI::ExistingFile);
    app.add_option(
        "--state-file", o.stateFile,
        "keep accepted state in this JSON file, loaded at start and rewritten on change");
    auto* cert = app.add_option("--tls-cert", flags.tlsCert, "serve HTTPS with this PEM chain")
                     ->check(CLI::ExistingFile);
    auto* key = app.add_option("--tls-key", flags.tlsKey, "PEM private key of --tls-cert")
                    ->check(CLI::ExistingFile);
    auto* ca = app.add_option("--client-ca", flags.clientCa,
                              "require client certificates issued by this PEM CA (mutual TLS)")
                   ->check(CLI::ExistingFile);
    cert->needs(key);
    key->needs(cert);
    ca->needs(cert);
}

void addFaultFlags(CLI::App& app, platform_sim::Faults& faults)
{
    app.add_option("--fail-next", faults.failNext, "fail the next N API requests, unprocessed")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--fail-status", faults.failStatus, "HTTP status of injected failures")
        ->check(CLI::Range(400, 599));
    app.add_option("--retry-after", faults.retryAfter,
                   "Retry-After value sent with injected failures (seconds or HTTP date)");
    app.add_option("--fault-path", faults.pathPrefix,
                   "count only requests whose path starts with this prefix (fail and drop)");
    app.add_option("--latency-ms", faults.latencyMs, "delay every API request by M milliseconds")
        ->check(CLI::Range(0, 600'000));
    app.add_option("--drop-next", faults.dropNext,
                   "process the next N API requests, then cut their answers short")
        ->check(CLI::NonNegativeNumber);
}

/// Blocks SIGINT and SIGTERM in this thread and every thread started later, so that only
/// sigwait() receives them and the server can stop cleanly.
sigset_t blockStopSignals()
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"platform-sim: a stateful simulator of the provincial platform API"};
    Flags flags;
    addServerFlags(app, flags);
    addFaultFlags(app, flags.options.faults);
    CLI11_PARSE(app, argc, argv);
    if (!flags.tlsCert.empty())
        flags.options.tls = platform_sim::TlsOptions{flags.tlsCert, flags.tlsKey, flags.clientCa};

    const sigset_t stopSignals = blockStopSignals();
    auto server = platform_sim::Server::start(std::move(flags.options));
    if (!server) {
        base::log::error("platform-sim", server.error().describe());
        return 1;
    }
    if (flags.printPort) {
        std::printf("%d\n", (*server)->port());
        std::fflush(stdout);
    }
    base::log::info("platform-sim", "serving the platform API at " + (*server)->baseUrl());
    int signal = 0;
    sigwait(&stopSignals, &signal);
    base::log::info("platform-sim", "stopping");
    (*server)->stop();
    return 0;
}
