// SPDX-License-Identifier: Apache-2.0
// State: the platform's records behind the endpoints, with idempotency and persistence.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "platform_sim/catalog.h"
#include "platform_sim/persistence.h"
#include "platform_sim/records.h"
#include "platform_sim/reply.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace platform_sim {

/// One POST as the state sees it: headers it depends on and the raw body.
struct Call {
    std::string kioskId;        ///< X-Kiosk-Id
    std::string idempotencyKey; ///< as sent; checked here
    std::string body;
};

/// Counted events that the server observes (requests, injected faults, dropped responses).
enum class Event { Request, InjectedFault, DroppedResponse };

/// The simulated platform's data. Every method is thread-safe (one mutex: the simulator is
/// not a benchmark target, and one lock keeps idempotency checks and writes atomic).
class State {
public:
    struct Options {
        std::string region;    ///< caseNo region; empty: from the kiosk id "SC-510703-0042"
        std::string stateFile; ///< empty: memory only
    };

    /// Loads `options.stateFile` if it exists.
    [[nodiscard]] static base::Result<std::unique_ptr<State>> open(Options options);

    // The endpoints of the contract (../shared/specs/platform-api.md), minus HTTP.
    [[nodiscard]] Reply putMaterial(std::string_view sha256, std::string_view contentType,
                                    std::string_view bytes);
    [[nodiscard]] Reply submitCase(const Call& call);
    [[nodiscard]] Reply submitEvaluation(const Call& call, const CatalogInfo& catalog);
    [[nodiscard]] Reply heartbeat(const Call& call);
    [[nodiscard]] Reply queryCases(std::string_view body, const CatalogInfo& catalog) const;
    [[nodiscard]] Reply findDocument(std::string_view body) const;

    /// Queues a command for the kiosk's next heartbeats; returns its id.
    std::string queueCommand(std::string kioskId, std::string type, nlohmann::json args);
    void count(Event event);
    [[nodiscard]] Snapshot snapshot() const;
    /// Forgets everything, including the state file's contents.
    void reset();

private:
    using Apply = std::function<Reply(const nlohmann::json& body)>;

    State(Options options, Records records);
    Reply idempotent(const Call& call, std::string_view path, const Apply& apply);
    Reply replay(const IdempotencyEntry& entry, std::string_view path, std::string_view digest);
    Reply acceptCase(const nlohmann::json& body, const Call& call);
    Reply acceptEvaluation(const nlohmann::json& body, const Call& call,
                           const CatalogInfo& catalog);
    Reply acceptHeartbeat(const nlohmann::json& body, const std::string& kioskId);
    std::optional<Reply> missingMaterial(const nlohmann::json& materials) const;
    const StoredCase* findCase(const nlohmann::json& evaluation) const;
    std::string nextCaseNo(const std::string& kioskId, const std::string& receivedAt);
    nlohmann::json pendingCommands(const std::string& kioskId) const;
    void persist();

    const Options options_;
    const base::SystemClock clock_;
    mutable std::mutex mutex_;
    Records records_;
    Counters counters_;
    std::map<std::string, HeartbeatRecord> heartbeats_; ///< by kiosk id; not persisted
};

} // namespace platform_sim
