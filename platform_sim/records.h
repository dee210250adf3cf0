// SPDX-License-Identifier: Apache-2.0
// The records the simulator accepted, as seen by tests and GET /admin/state (no personal data).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace platform_sim {

/// A case (办件) accepted by POST /v1/cases. The applicant's name and ID number are not kept.
struct CaseRecord {
    std::string submissionId; ///< its Idempotency-Key, lower case
    std::string caseNo;       ///< e.g. "510703-20261123-000123"
    std::string itemCode;
    std::string idType; ///< the applicant's ID type ("resident", ...), not the number
    std::string kioskId;
    std::string status;                 ///< "received"
    std::string receivedAt;             ///< RFC 3339, +08:00
    std::vector<std::string> materials; ///< sha256 of each listed material
};

/// A material stored by PUT /v1/materials/{sha256}. Only its digest and size are kept.
struct MaterialRecord {
    std::string sha256; ///< lower case
    std::uint64_t size = 0;
    std::string contentType;
};

/// A rating accepted by POST /v1/evaluations.
struct EvaluationRecord {
    std::string evaluationId; ///< its Idempotency-Key, lower case
    std::string submissionId; ///< of the case it rates
    std::string caseNo;       ///< of the case it rates (filled in even if the kiosk sent none)
    int level = 0;
    std::vector<std::string> reasons;
    std::string receivedAt;
    std::string channel; ///< kiosk | tablet | qr: where the citizen rated
};

/// A remote command for one kiosk, delivered by heartbeats until the kiosk acknowledges it.
struct Command {
    std::string id; ///< "cmd-000001", ...
    std::string kioskId;
    std::string type; ///< sync_catalog, retry_dead_letters, set_config, reboot (or anything)
    nlohmann::json args = nlohmann::json::object();
};

/// The last heartbeat of one kiosk.
struct HeartbeatRecord {
    std::string kioskId;
    std::uint64_t count = 0; ///< heartbeats received from it since start or reset
    std::string receivedAt;  ///< of the last one
    std::string softwareVersion;
    std::int64_t catalogVersion = 0;
    nlohmann::json queue;       ///< {"pending", "deadLetter", "oldestPendingAgeS"}
    nlohmann::json devices;     ///< [{"class", "model", "state", "detail"}]
    nlohmann::json auditAnchor; ///< {"seq", "hash"} of the kiosk's audit trail, if sent
    /// What the kiosk's commands did (optional "results" member, README): every result received
    /// since start or reset, by command id: {"ok": bool, "error"?: "...", "detail"?: "..."}.
    nlohmann::json results = nlohmann::json::object();
    /// The kiosk's A/B slot as its last heartbeat that had one said ({"booted", "rolledBack"},
    /// README); null until one did.
    nlohmann::json slot;
};

/// What happened to the /v1 requests since start or reset (not persisted).
struct Counters {
    std::uint64_t requests = 0;         ///< /v1 requests that reached a handler
    std::uint64_t replays = 0;          ///< answered from the idempotency store
    std::uint64_t conflicts = 0;        ///< 409 idempotency_conflict
    std::uint64_t injectedFaults = 0;   ///< failed on purpose (failNext)
    std::uint64_t droppedResponses = 0; ///< processed, then cut short (dropNext)
};

/// A consistent copy of everything the simulator holds.
struct Snapshot {
    std::vector<CaseRecord> cases; ///< in the order received
    std::vector<MaterialRecord> materials;
    std::vector<EvaluationRecord> evaluations;
    std::vector<HeartbeatRecord> heartbeats;
    std::vector<Command> pendingCommands; ///< queued and not acknowledged yet
    Counters counters;
};

// JSON conversions (`nlohmann::json(record)`, `json.get<CaseRecord>()`); missing fields read as
// defaults so that state files written by older versions still load.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CaseRecord, submissionId, caseNo, itemCode, idType,
                                                kioskId, status, receivedAt, materials)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MaterialRecord, sha256, size, contentType)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EvaluationRecord, evaluationId, submissionId,
                                                caseNo, level, reasons, receivedAt)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Command, id, kioskId, type, args)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(HeartbeatRecord, kioskId, count, receivedAt,
                                                softwareVersion, catalogVersion, queue, devices,
                                                auditAnchor, results, slot)

/// The body of GET /admin/state: the records above plus "counts".
[[nodiscard]] nlohmann::json toJson(const Snapshot& snapshot);

} // namespace platform_sim
