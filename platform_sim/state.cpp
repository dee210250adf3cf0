// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/state.h"

#include "base/log.h"
#include "base/random.h"
#include "platform_sim/digest.h"
#include "platform_sim/pdf.h"
#include "platform_sim/validation.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace platform_sim {

namespace {
using nlohmann::json;

constexpr std::size_t maxMaterialBytes = 10 * 1024 * 1024;

Reply invalidJson()
{
    return errorReply(400, "invalid_json", "the body is not a JSON document");
}

Caller callerOf(const Call& call)
{
    return {call.kioskId, toLower(call.idempotencyKey)};
}

/// A pseudonym of the person a request is about: cases are found by it, and neither the ID
/// number nor the name is stored. (ID numbers are guessable, so this is not anonymisation.)
std::string personDigest(const json& person)
{
    return sha256Hex(person["idType"].get<std::string>() + '\x1f' +
                     person["idNumber"].get<std::string>());
}

/// "510703" from "SC-510703-0042": kiosk ids are province-region-number.
std::string regionOf(const std::string& kioskId)
{
    const auto first = kioskId.find('-');
    const auto last = kioskId.rfind('-');
    if (first == std::string::npos || last == first)
        return "000000";
    return kioskId.substr(first + 1, last - first - 1);
}

/// "20261123" from "2026-11-23T10:15:02+08:00".
std::string compactDate(const std::string& rfc3339)
{
    return rfc3339.substr(0, 4) + rfc3339.substr(5, 2) + rfc3339.substr(8, 2);
}

std::string zeroPadded(std::int64_t number)
{
    char text[24];
    std::snprintf(text, sizeof text, "%06lld", static_cast<long long>(number));
    return text;
}

CaseRecord caseRecord(const json& body, const std::string& kioskId)
{
    CaseRecord record;
    record.submissionId = toLower(body["submissionId"].get<std::string>());
    record.itemCode = body["itemCode"].get<std::string>();
    record.idType = body["applicant"]["idType"].get<std::string>();
    record.kioskId = kioskId;
    record.status = "received";
    for (const json& material : body["materials"])
        record.materials.push_back(toLower(material["sha256"].get<std::string>()));
    return record;
}

json caseSummary(const CaseRecord& record, const CatalogInfo& catalog)
{
    const auto name = catalog.itemNames.find(record.itemCode);
    return {{"caseNo", record.caseNo},
            {"itemCode", record.itemCode},
            {"itemName", name == catalog.itemNames.end() ? record.itemCode : name->second},
            {"status", record.status},
            {"updatedAt", record.receivedAt}};
}

json materialJson(const MaterialRecord& material)
{
    return {{"sha256", material.sha256}, {"size", material.size}};
}

std::optional<Reply> mismatchedCase(const json& evaluation, const CaseRecord& record)
{
    if (evaluation.contains("submissionId") &&
        toLower(evaluation["submissionId"].get<std::string>()) != record.submissionId)
        return errorReply(422, "invalid_evaluation",
                          "caseNo and submissionId name different cases");
    if (evaluation["itemCode"] != record.itemCode)
        return errorReply(422, "invalid_evaluation", "itemCode differs from the case's item");
    return std::nullopt;
}

std::set<std::string> ackedCommands(const json& heartbeat)
{
    std::set<std::string> ids;
    for (const json& id : heartbeat.value("ackedCommands", json::array()))
        ids.insert(id.get<std::string>());
    return ids;
}

Reply documentReply(const CaseRecord& record)
{
    const std::string documentId = "DOC-" + record.caseNo;
    // No personal data on it: the simulator does not keep any.
    const std::string text = "platform-sim test document (not a real certificate)\nDocument " +
                             documentId + "\nCase " + record.caseNo + "\nItem " + record.itemCode;
    return Reply{200, makePdf(text), "application/pdf", {{"X-Document-Id", documentId}}};
}
} // namespace

base::Result<std::unique_ptr<State>> State::open(Options options)
{
    if (options.stateFile.empty())
        return std::unique_ptr<State>(new State(std::move(options), Records{}));
    auto records = loadRecords(options.stateFile);
    if (!records)
        return base::fail(records.error().withContext("platform-sim: state file"));
    // Writing it back at once turns an unwritable path into a start error, not a log line later.
    if (auto saved = saveRecords(options.stateFile, *records); !saved)
        return base::fail(saved.error().withContext("platform-sim: state file"));
    return std::unique_ptr<State>(new State(std::move(options), std::move(*records)));
}

State::State(Options options, Records records)
    : options_(std::move(options)), records_(std::move(records))
{
}

Reply State::putMaterial(std::string_view sha256, std::string_view contentType,
                         std::string_view bytes)
{
    if (bytes.size() > maxMaterialBytes)
        return errorReply(413, "material_too_large", "a material is at most 10 MiB");
    const std::string digest = toLower(sha256);
    if (sha256Hex(bytes) != digest)
        return errorReply(400, "digest_mismatch",
                          "the bytes do not hash to the SHA-256 in the path");
    std::lock_guard lock(mutex_);
    if (const auto it = records_.materials.find(digest); it != records_.materials.end())
        return jsonReply(200, materialJson(it->second));
    const MaterialRecord material{digest, bytes.size(),
                                  contentType.empty() ? "application/octet-stream"
                                                      : std::string(contentType)};
    records_.materials[digest] = material;
    persist();
    return jsonReply(201, materialJson(material));
}

Reply State::submitCase(const Call& call)
{
    return idempotent(call, "/v1/cases", [&](const json& body) { return acceptCase(body, call); });
}

Reply State::submitEvaluation(const Call& call, const CatalogInfo& catalog)
{
    return idempotent(call, "/v1/evaluations",
                      [&](const json& body) { return acceptEvaluation(body, call, catalog); });
}

Reply State::heartbeat(const Call& call)
{
    return idempotent(call, "/v1/kiosks/" + call.kioskId + "/heartbeat",
                      [&](const json& body) { return acceptHeartbeat(body, call.kioskId); });
}

Reply State::queryCases(std::string_view text, const CatalogInfo& catalog) const
{
    const json body = json::parse(text, nullptr, false);
    if (body.is_discarded())
        return invalidJson();
    if (auto rejected = checkPersonQuery(body, false))
        return *rejected;
    const std::string person = personDigest(body);
    json cases = json::array();
    std::lock_guard lock(mutex_);
    for (const StoredCase& stored : records_.cases) {
        if (stored.personDigest == person)
            cases.push_back(caseSummary(stored.record, catalog));
    }
    return jsonReply(200, {{"cases", cases}});
}

Reply State::findDocument(std::string_view text) const
{
    const json body = json::parse(text, nullptr, false);
    if (body.is_discarded())
        return invalidJson();
    if (auto rejected = checkPersonQuery(body, true))
        return *rejected;
    const std::string person = personDigest(body);
    std::lock_guard lock(mutex_);
    // The newest case of this person for this item is the one whose certificate prints.
    const auto found =
        std::find_if(records_.cases.rbegin(), records_.cases.rend(), [&](const StoredCase& stored) {
            const auto& itemCode = body["itemCode"];
            return stored.personDigest == person && itemCode.is_string() &&
                   stored.record.itemCode == itemCode.get_ref<const std::string&>();
        });
    if (found == records_.cases.rend())
        return errorReply(404, "no_document", "there is nothing to print for this person and item");
    return documentReply(found->record);
}

std::string State::queueCommand(std::string kioskId, std::string type, json args)
{
    std::lock_guard lock(mutex_);
    const std::string id = "cmd-" + zeroPadded(++records_.lastCommandSequence);
    records_.commands.push_back({id, std::move(kioskId), std::move(type), std::move(args)});
    persist();
    return id;
}

void State::count(Event event)
{
    std::lock_guard lock(mutex_);
    switch (event) {
    case Event::Request:
        ++counters_.requests;
        break;
    case Event::InjectedFault:
        ++counters_.injectedFaults;
        break;
    case Event::DroppedResponse:
        ++counters_.droppedResponses;
        break;
    }
}

Snapshot State::snapshot() const
{
    std::lock_guard lock(mutex_);
    Snapshot snapshot;
    for (const StoredCase& stored : records_.cases)
        snapshot.cases.push_back(stored.record);
    for (const auto& [digest, material] : records_.materials)
        snapshot.materials.push_back(material);
    snapshot.evaluations = records_.evaluations;
    for (const auto& [kioskId, heartbeat] : heartbeats_)
        snapshot.heartbeats.push_back(heartbeat);
    snapshot.pendingCommands = records_.commands;
    snapshot.counters = counters_;
    return snapshot;
}

void State::reset()
{
    std::lock_guard lock(mutex_);
    records_ = {};
    counters_ = {};
    heartbeats_.clear();
    persist();
}

Reply State::idempotent(const Call& call, std::string_view path, const Apply& apply)
{
    if (!base::isUuidV4(call.idempotencyKey))
        return errorReply(400, "idempotency_key_required",
                          "this request needs an Idempotency-Key header holding a UUIDv4");
    const std::string key = toLower(call.idempotencyKey);
    const std::string digest = sha256Hex(call.body);
    std::lock_guard lock(mutex_);
    if (const auto it = records_.idempotency.find(key); it != records_.idempotency.end())
        return replay(it->second, path, digest);
    const json body = json::parse(call.body, nullptr, false);
    if (body.is_discarded())
        return invalidJson();
    Reply reply = apply(body);
    // Only answers that changed something are remembered: after a 422, or a 409 case_unknown,
    // the same key may come back with a corrected body or once the case has arrived.
    if (reply.succeeded()) {
        records_.idempotency[key] = {std::string(path), digest, reply.status, reply.body};
        persist();
    }
    return reply;
}

Reply State::replay(const IdempotencyEntry& entry, std::string_view path, std::string_view digest)
{
    if (entry.path != path || entry.bodySha256 != digest) {
        ++counters_.conflicts;
        return errorReply(409, "idempotency_conflict",
                          "this Idempotency-Key was first used with a different body");
    }
    ++counters_.replays;
    // The contract: a replay answers the original body, and a replayed 201 is a 200.
    return Reply{entry.status == 201 ? 200 : entry.status, entry.body, "application/json", {}};
}

Reply State::acceptCase(const json& body, const Call& call)
{
    if (auto rejected = checkCase(body, callerOf(call)))
        return *rejected;
    if (auto missing = missingMaterial(body["materials"]))
        return *missing;
    StoredCase stored{caseRecord(body, call.kioskId), personDigest(body["applicant"])};
    stored.record.receivedAt = base::toRfc3339(clock_.now());
    stored.record.caseNo = nextCaseNo(call.kioskId, stored.record.receivedAt);
    records_.cases.push_back(stored);
    return jsonReply(201, {{"caseNo", stored.record.caseNo},
                           {"status", stored.record.status},
                           {"receivedAt", stored.record.receivedAt}});
}

Reply State::acceptEvaluation(const json& body, const Call& call, const CatalogInfo& catalog)
{
    if (auto rejected = checkEvaluation(body, callerOf(call), catalog.reasonCodes))
        return *rejected;
    const StoredCase* found = findCase(body);
    if (found == nullptr)
        return errorReply(409, "case_unknown", "the case being rated has not arrived yet");
    if (auto rejected = mismatchedCase(body, found->record))
        return *rejected;
    // 一次一评 (README: a spec addition): a second rating of the case, under another key, is
    // refused; the same key replays the first answer (idempotent() above).
    const bool rated = std::ranges::any_of(records_.evaluations, [&](const EvaluationRecord& e) {
        return e.submissionId == found->record.submissionId;
    });
    if (rated)
        return errorReply(409, "already_rated", "the case has been rated before");
    const EvaluationRecord evaluation{toLower(body["evaluationId"].get<std::string>()),
                                      found->record.submissionId,
                                      found->record.caseNo,
                                      body["level"].get<int>(),
                                      body.value("reasons", std::vector<std::string>{}),
                                      base::toRfc3339(clock_.now()),
                                      body["channel"].get<std::string>()};
    records_.evaluations.push_back(evaluation);
    return jsonReply(201, {{"evaluationId", evaluation.evaluationId},
                           {"status", "received"},
                           {"receivedAt", evaluation.receivedAt}});
}

Reply State::acceptHeartbeat(const json& body, const std::string& kioskId)
{
    if (auto rejected = checkHeartbeat(body))
        return *rejected;
    const auto acked = ackedCommands(body);
    std::erase_if(records_.commands, [&](const Command& command) {
        return command.kioskId == kioskId && acked.contains(command.id);
    });
    const std::string now = base::toRfc3339(clock_.now());
    HeartbeatRecord& record = heartbeats_[kioskId];
    record.kioskId = kioskId;
    ++record.count;
    record.receivedAt = now;
    record.softwareVersion = body["softwareVersion"].get<std::string>();
    record.catalogVersion = body["catalogVersion"].get<std::int64_t>();
    record.queue = body["queue"];
    record.devices = body["devices"];
    // The kiosk's audit chain head (optional, README): kept so a removed tail shows later.
    if (const auto anchor = body.find("auditAnchor"); anchor != body.end())
        record.auditAnchor = *anchor;
    // The booted A/B slot (optional, README): kept until a heartbeat says another.
    if (const auto slot = body.find("slot"); slot != body.end())
        record.slot = *slot;
    // What the acknowledged commands did (optional, README): kept for the administrator.
    if (const auto results = body.find("results"); results != body.end())
        for (const auto& [id, result] : results->items())
            record.results[id] = result;
    return jsonReply(200, {{"serverTime", now}, {"commands", pendingCommands(kioskId)}});
}

std::optional<Reply> State::missingMaterial(const json& materials) const
{
    for (const json& material : materials) {
        const std::string digest = toLower(material["sha256"].get<std::string>());
        const auto it = records_.materials.find(digest);
        if (it == records_.materials.end())
            return errorReply(422, "missing_material", "material " + digest + " was not uploaded");
        if (it->second.size != material["size"].get<std::uint64_t>())
            return errorReply(422, "invalid_case",
                              "material " + digest + " has another size than the one uploaded");
    }
    return std::nullopt;
}

const StoredCase* State::findCase(const json& evaluation) const
{
    // caseNo when the kiosk has it; otherwise the submissionId of the case it rates.
    const bool byCaseNo = evaluation.contains("caseNo");
    const std::string wanted = byCaseNo ? evaluation["caseNo"].get<std::string>()
                                        : toLower(evaluation["submissionId"].get<std::string>());
    const auto found = std::ranges::find_if(records_.cases, [&](const StoredCase& stored) {
        return (byCaseNo ? stored.record.caseNo : stored.record.submissionId) == wanted;
    });
    return found == records_.cases.end() ? nullptr : &*found;
}

std::string State::nextCaseNo(const std::string& kioskId, const std::string& receivedAt)
{
    const std::string region = options_.region.empty() ? regionOf(kioskId) : options_.region;
    return region + "-" + compactDate(receivedAt) + "-" + zeroPadded(++records_.lastCaseSequence);
}

json State::pendingCommands(const std::string& kioskId) const
{
    json commands = json::array();
    for (const Command& command : records_.commands) {
        if (command.kioskId == kioskId)
            commands.push_back(
                {{"id", command.id}, {"type", command.type}, {"args", command.args}});
    }
    return commands;
}

void State::persist()
{
    if (options_.stateFile.empty())
        return;
    if (auto saved = saveRecords(options_.stateFile, records_); !saved)
        base::log::error("platform-sim", "state file not written: " + saved.error().describe());
}

} // namespace platform_sim
