// SPDX-License-Identifier: Apache-2.0
// The tamper-evident audit trail under data_dir/audit: append-only JSON lines, each chained
// to the one before by SHA-256 or SM3, fsync'd in batches, rotated by size.
#pragma once

#include "base/clock.h"
#include "base/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::core {

/// One thing that happened. Never personal data: item codes, record ids, submission ids,
/// catalog versions and device classes are fine; names, ID numbers and form contents never
/// (a technician's card is recorded through maskReference()).
struct AuditEvent {
    /// "kiosk", "kioskctl", "platform", "technician ****1234"; empty: AuditOptions::actor.
    std::string actor = {};
    std::string event = {};    ///< "kiosk.start", "catalog.installed", "queue.delivered", ...
    std::string object = {};   ///< what it concerns: "catalog 42", "record 17", "printer"
    std::string result = "ok"; ///< "ok", "refused", "error", "fault", ...
    nlohmann::json detail = nlohmann::json::object(); ///< identifiers and reasons only
    bool durable = false; ///< fsync at once instead of with the next batch
};

/// The newest record's place in the chain: what the heartbeat sends as its "auditAnchor".
struct AuditAnchor {
    std::uint64_t seq = 0;
    std::string hash; ///< "<alg>:<hex>"
    bool operator==(const AuditAnchor&) const = default;
};

enum class AuditHash { Sha256, Sm3 };

struct AuditOptions {
    AuditHash hash = AuditHash::Sha256;           ///< [audit] hash
    std::uint64_t fileBytes = 1024 * 1024;        ///< [audit] file_kb: a new file after this
    std::uint64_t maxBytes = 64ull * 1024 * 1024; ///< [audit] max_mb: older files go (audited)
    std::size_t fsyncBatch = 16; ///< records written between two fsyncs (flush() forces one)
    std::string actor = "kiosk"; ///< the default actor of events that name none
};

/// Writes the trail. Thread-safe, and safe with other processes writing the same trail
/// (kioskctl while the kiosk runs): every append holds an advisory lock (flock) on
/// audit/trail.lock and continues the chain from what is on disk. A record torn by a crash is
/// left in place, ended, and followed by an "audit.recovered" record that chains to the last
/// complete one, so `kioskctl audit verify` can tell a crash from tampering.
class AuditTrail {
public:
    /// Opens (creating) `dataDir`/audit. Nothing is read until the first append.
    [[nodiscard]] static base::Result<std::unique_ptr<AuditTrail>>
    open(const std::filesystem::path& dataDir, AuditOptions options,
         const base::Clock& clock = base::systemClock());
    AuditTrail(const AuditTrail&) = delete;
    AuditTrail& operator=(const AuditTrail&) = delete;
    ~AuditTrail(); ///< flushes

    /// Appends one record and returns its place in the chain. Errors are returned (and the
    /// caller usually logs them); the kiosk keeps serving when its disk is full.
    base::Result<AuditAnchor> append(AuditEvent event);
    /// fsyncs what was written since the last fsync.
    base::Result<void> flush();
    /// The newest record written by anyone (re-read from disk under the lock), after a flush,
    /// so an anchor sent away is durable. seq 0 when the trail is empty.
    [[nodiscard]] base::Result<AuditAnchor> anchor();

    /// For part 3 of issue 19 (maintenance access): a technician's entry and exit.
    /// `who` is masked with maskReference(); `method` is "totp" or "card".
    base::Result<AuditAnchor> maintenanceLogin(std::string_view who, std::string_view method,
                                               bool succeeded, std::string_view reason = {});
    base::Result<AuditAnchor> maintenanceLogout(std::string_view who, std::string_view why);

    [[nodiscard]] const std::filesystem::path& directory() const { return dir_; }

private:
    struct Head;
    AuditTrail(std::filesystem::path dir, AuditOptions options, const base::Clock& clock,
               int lockFd);
    base::Result<AuditAnchor> appendLocked(AuditEvent event);
    base::Result<Head> readHead();
    base::Result<void> openFile(const std::string& path);
    base::Result<void> writeLine(const std::string& line);
    base::Result<void> syncLocked();
    void pruneLocked();

    std::filesystem::path dir_;
    AuditOptions options_;
    const base::Clock& clock_;
    std::mutex mutex_; ///< one writer of this process at a time; then the flock for others
    int lockFd_ = -1;
    int fileFd_ = -1; ///< the newest file, open for appending
    std::filesystem::path filePath_;
    std::size_t unsynced_ = 0;
};

/// "sha256" / "sm3", the prefix of every hash in the trail.
[[nodiscard]] std::string_view toString(AuditHash hash);
/// Reads "sha256" or "sm3".
[[nodiscard]] std::optional<AuditHash> auditHashFromString(std::string_view name);

/// The hash of a record: "<alg>:" + hex(H(record without "hash", keys sorted, compact)). The
/// record holds "prev", so each hash covers the whole chain before it.
[[nodiscard]] std::string auditRecordHash(AuditHash alg, const nlohmann::json& record);
/// The "prev" of the very first record: "<alg>:" and zeros.
[[nodiscard]] std::string auditGenesis(AuditHash alg);

/// A reference that lets a person be told apart without being named: "****" and the last
/// four characters (all masked when shorter than 8).
[[nodiscard]] std::string maskReference(std::string_view reference);

/// The file names: trail-<first seq, 12 digits>.jsonl, oldest first by name.
[[nodiscard]] std::string auditFileName(std::uint64_t firstSeq);
[[nodiscard]] std::optional<std::uint64_t> auditFileFirstSeq(std::string_view fileName);

/// Time stamps of the trail, UTC to the millisecond ("2026-12-05T20:36:01.250Z"), so that
/// text order is time order.
[[nodiscard]] std::string auditTime(base::Clock::TimePoint time);

} // namespace kiosk::core
