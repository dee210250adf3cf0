// SPDX-License-Identifier: Apache-2.0
// Reading the audit trail back: verification of the chain (kioskctl audit verify) and the
// records since a time (kioskctl audit show).
#pragma once

#include "base/result.h"
#include "kiosk/core/audit_trail.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::core {

/// One thing wrong (or notable) in the trail, and where: the file and the record's number in
/// it (1-based line), and its seq when it could be read.
struct AuditFinding {
    /// "edited", "malformed", "chain", "missing", "reordered", "duplicate", "torn",
    /// "truncated", "rewritten"; notices (not fatal): "recovered", "pruned".
    std::string kind;
    std::string file;
    std::uint64_t record = 0;
    std::optional<std::uint64_t> seq;
    std::string message;
    bool fatal = true;
};

struct AuditReport {
    std::vector<AuditFinding> findings;
    std::uint64_t files = 0;
    std::uint64_t records = 0;
    AuditAnchor head; ///< the last record read
    [[nodiscard]] bool ok() const;
    [[nodiscard]] nlohmann::json toJson() const;
};

/// Reads every file of `dataDir`/audit and checks each record's hash, its place in the
/// sequence and its link to the record before; with `anchor` (the last one the platform
/// received in a heartbeat) it also finds a removed or rewritten tail.
[[nodiscard]] base::Result<AuditReport> verifyAuditTrail(const std::filesystem::path& dataDir,
                                                         std::optional<AuditAnchor> anchor = {});

/// The readable records whose "time" is at or after `since` (an RFC 3339 UTC prefix such as
/// "2026-12-05" or "2026-12-05T20:00"; empty: all), oldest first.
[[nodiscard]] base::Result<std::vector<nlohmann::json>>
readAuditRecords(const std::filesystem::path& dataDir, std::string_view since);

/// Reads "SEQ:ALG:HEX" (as `kioskctl audit verify --anchor` takes it) or the heartbeat's
/// {"seq":N,"hash":"ALG:HEX"}.
[[nodiscard]] std::optional<AuditAnchor> parseAuditAnchor(std::string_view text);

} // namespace kiosk::core
