// SPDX-License-Identifier: Apache-2.0
// platform_sim::Server: the provincial platform API, simulated in-process over HTTP or mutual TLS.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "platform_sim/faults.h"
#include "platform_sim/identity.h"
#include "platform_sim/records.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace platform_sim {

// Usage, e.g. in a test of the uplink:
//
//     platform_sim::Options options;
//     options.kioskId = "SC-510703-0042";           // port 0: any free port
//     auto sim = platform_sim::Server::start(options);
//     ASSERT_TRUE(sim) << sim.error().describe();
//     Uplink uplink((*sim)->baseUrl(), ...);         // "http://127.0.0.1:<port>"
//     platform_sim::Faults faults;
//     faults.failNext = 2;                           // two 503s with Retry-After: 1,
//     faults.retryAfter = "1";                       // then normal service
//     ASSERT_TRUE((*sim)->setFaults(faults));
//     ... drain the queue ...
//     EXPECT_EQ((*sim)->snapshot().cases.size(), 1u);
//
// (Assign members rather than use designated initializers: GCC 12 warns about the omitted
// ones under -Wextra.) The server listens on 127.0.0.1 only, on its own threads, and is ready
// when start() returns. Every method is thread-safe. Destroying the Server stops it.

/// Server certificate and key (PEM files) for HTTPS; with clientCaFile, mutual TLS: clients
/// must present a certificate issued by that CA, or the handshake fails.
struct TlsOptions {
    std::string certFile;     ///< certificate chain, leaf first
    std::string keyFile;      ///< private key of the leaf, unencrypted
    std::string clientCaFile; ///< empty: clients are not asked for a certificate
};

struct Options {
    int port = 0;                  ///< 0: any free port (see Server::port())
    std::string kioskId;           ///< if set, any other X-Kiosk-Id is refused with 403
    std::string region;            ///< region part of case numbers; default: from the kiosk id
    std::string catalogFile;       ///< envelope served by GET /v1/catalog; empty: 404 no_catalog
    std::string stateFile;         ///< accepted state, loaded at start, rewritten on each change
    std::optional<TlsOptions> tls; ///< unset: plain HTTP
    Faults faults;                 ///< faults active from the start
    /// Decides when identity tokens expire (borrowed; tests pass a ManualClock).
    const base::Clock* clock = &base::systemClock();
};

class Server {
public:
    /// Loads the state file, binds 127.0.0.1:port and starts serving.
    [[nodiscard]] static base::Result<std::unique_ptr<Server>> start(Options options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// The bound port (the chosen one when Options::port was 0).
    [[nodiscard]] int port() const;
    /// "http://127.0.0.1:<port>" or "https://127.0.0.1:<port>"; the API is served at its root.
    [[nodiscard]] std::string baseUrl() const;
    /// Stops listening and waits for requests in progress; idempotent.
    void stop();

    /// Everything accepted so far, and the request counters.
    [[nodiscard]] Snapshot snapshot() const;
    /// Replaces the fault settings (like POST /admin/faults with every field).
    [[nodiscard]] base::Result<void> setFaults(Faults faults);
    /// The fault settings now, with failNext and dropNext counted down.
    [[nodiscard]] Faults faults() const;
    /// Queues a heartbeat command for `kioskId`; returns its id.
    std::string queueCommand(std::string kioskId, std::string type,
                             nlohmann::json args = nlohmann::json::object());
    /// Registers an identity QR token (like POST /admin/identity-tokens); returns its expiry.
    [[nodiscard]] base::Result<std::string> addIdentityToken(IdentityToken token);
    /// Forgets all records, counters, faults and identity tokens (like POST /admin/reset).
    void reset();

private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace platform_sim
