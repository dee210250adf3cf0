// SPDX-License-Identifier: Apache-2.0
// The administrators' side of the MQTT fleet (kioskctl fleet status|command; issue 19 part 6):
// reads every kiosk's retained status and last heartbeat, and publishes a command to one kiosk.
// One short MQTT 5 session on the caller's thread (mosquitto_loop; no thread is started).
#pragma once

#include "base/result.h"
#include "kiosk/core/heartbeat.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace kiosk::core {

struct FleetAdminOptions {
    std::string brokerUrl;   ///< mqtts://HOST[:PORT] (mqtt:// for a test broker)
    std::string topicPrefix; ///< as the kiosks' [fleet] topic_prefix
    std::string caFile;
    std::string certFile; ///< the administrator's client certificate
    std::string keyFile;
    std::chrono::milliseconds timeout{std::chrono::seconds(10)};
};

/// What the broker holds for one kiosk.
struct FleetKioskState {
    std::string status;                      ///< "online", "offline", or "" if none retained
    std::optional<nlohmann::json> heartbeat; ///< the last heartbeat, if retained and readable
    std::string heartbeatError;              ///< why a retained heartbeat could not be read
};

/// Every kiosk under the prefix with a retained status or heartbeat, by kiosk id.
[[nodiscard]] base::Result<std::map<std::string, FleetKioskState>>
readFleetStatus(const FleetAdminOptions& options);

/// Publishes `command` to `kioskId`'s command topic with QoS 1 and waits for the broker's
/// PUBACK (it is then queued for a kiosk that is off).
[[nodiscard]] base::Result<void> sendFleetCommand(const FleetAdminOptions& options,
                                                  const std::string& kioskId,
                                                  const RemoteCommand& command);

/// The --json document of `kioskctl fleet status`: {"kiosks": {"<id>": {"status",
/// "heartbeat"}}}.
[[nodiscard]] nlohmann::json fleetStatusJson(const std::map<std::string, FleetKioskState>& kiosks);

} // namespace kiosk::core
