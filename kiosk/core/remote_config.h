// SPDX-License-Identifier: Apache-2.0
// The set_config remote command: a configuration fragment signed like a catalog, verified with
// the catalog's trusted keys, merged over the configuration file, validated as a whole, written
// atomically and audited; or refused, saying why.
#pragma once

#include "base/result.h"
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/config.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// Largest fragment accepted: a configuration file is a few kilobytes.
inline constexpr std::size_t maxConfigFragmentBytes = 64 * 1024;

/// Whether set_config may change `key` (dotted, "session.idle_timeout_s"). Refused: what could
/// cut the kiosk off from the platform for good or lose data, so that a signed but mistaken
/// fragment cannot strand a kiosk that only a technician could then reach: [kiosk] (its
/// identity and data), [platform] and [fleet] (the ways back), the catalog's file and trusted keys
/// (the trust of every later push), the queue's key file and cipher (the records already
/// sealed), and the audit trail's hash (its chain). Everything else may be set.
[[nodiscard]] bool remotelySettable(std::string_view key);

struct RemoteConfigOptions {
    std::filesystem::path configFile;    ///< the file the kiosk started with; rewritten
    std::vector<TrustedKey> trustedKeys; ///< [[catalog.trusted_keys]]: the same as catalogs
    AuditTrail* audit = nullptr;         ///< config.changed goes here (may be null)
};

/// Applies set_config commands. Every key takes effect at the next start of the kiosk: the
/// running kiosk's configuration is read once and shared by its threads without locks, so
/// nothing changes under them. The result says so; a `reboot` command (which waits for the
/// citizen's session to end) or a restart of the service applies it.
class RemoteConfig {
public:
    explicit RemoteConfig(RemoteConfigOptions options);

    /// One set_config. `args` is the envelope, {"alg","keyId","payload","signature"}, whose
    /// payload is TOML with the keys of the configuration file. In order: the envelope is read,
    /// its signature verified with the trusted keys, the fragment parsed and merged over the
    /// file, the result validated as a whole, every key it sets checked against
    /// remotelySettable(), and its `remote_config.version` checked to be above the file's (a
    /// fragment sent again is refused: no replay); only then is the file replaced (a temporary file
    /// in its directory, fsync'd, renamed over it, the directory fsync'd; the old one kept as
    /// `<file>.previous`) and "config.changed" audited with the command id and the names of the
    /// keys changed, never their values. Returns what was done, for the command's result.
    [[nodiscard]] base::Result<std::string> apply(std::string_view commandId,
                                                  const nlohmann::json& args);

private:
    /// Replaces the configuration file with `text`, atomically and durably.
    [[nodiscard]] base::Result<void> replaceFile(const std::string& text) const;
    void audit(std::string_view commandId, const std::vector<std::string>& changed) const;

    RemoteConfigOptions options_;
};

} // namespace kiosk::core
