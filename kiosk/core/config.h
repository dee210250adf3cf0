// SPDX-License-Identifier: Apache-2.0
// The kiosk configuration (specs/config.md): one TOML file, validated strictly.
#pragma once

#include "base/result.h"
#include "hal/device_specs.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace kiosk::core {

struct KioskSection {
    std::string id;                ///< sent as X-Kiosk-Id
    std::filesystem::path dataDir; ///< queue database, installed catalog, audit trail
};

struct PlatformSection {
    std::string url;
    std::string caFile;
    std::string certFile;
    std::string keyFile;
    bool allowInsecureLoopback = false; ///< permits http:// to 127.0.0.0/8 and ::1 only
};

struct TrustedKey {
    std::string id;
    std::string alg; ///< "ed25519" or "sm2"
    std::filesystem::path publicKeyFile;
    /// Not from the file: when set, the key itself, used instead of reading publicKeyFile
    /// (provisioning checks a catalog against keys it has not written yet).
    std::string publicKeyPem;
};

struct CatalogSection {
    std::optional<std::filesystem::path> file; ///< absent: the catalog shipped with the build
    std::vector<TrustedKey> trustedKeys;
};

struct QueueSection {
    std::filesystem::path keyFile = "/etc/kiosk/queue.key";
    int maxMb = 512;
    std::string cipher = "aes-256-gcm"; ///< or "sm4-ctr-hmac-sm3"
};

/// [receipt]: what every receipt says and how the printer is driven.
struct ReceiptSection {
    std::string location; ///< printed on every receipt
    /// The receipt QR's text; {ref} = the case number, or the local reference while queued.
    std::string qrUrlTemplate = "https://zwfw.example.gov.cn/r/{ref}";
    std::string printerProfile = "generic-80"; ///< a built-in profile (drivers/receipt_printer)
};

/// The audit trail under data_dir/audit (audit_trail.h). Not in specs/config.md yet: README.
struct AuditSection {
    std::string hash = "sha256"; ///< or "sm3": what chains the records
    int fileKb = 1024;           ///< a new file once the current one would pass this
    int maxMb = 64;              ///< the oldest files are removed (and that audited) above this
};

/// [session]: how long an untouched session lasts.
struct SessionSection {
    static constexpr int kMinIdleTimeoutS = 30;  ///< below: the citizen cannot read a screen
    static constexpr int kMaxIdleTimeoutS = 600; ///< above: a forgotten session stays too long
    static constexpr int kPromptBeforeS = 15; ///< "需要更多时间吗？" comes this long before the end
    int idleTimeoutS = 90;                    ///< no touch for this long ends the session
};

/// [maintenance]: the technicians' access on the kiosk's screen (README, Maintenance access).
/// Not in specs/config.md yet: a spec addition described in README.
struct MaintenanceSection {
    /// A file (mode 0600) holding the kiosk's RFC 6238 secret in base32; absent: no code opens
    /// the maintenance screen. Read and checked by Runtime::load (loadTotpSecret).
    std::optional<std::filesystem::path> totpSecretFile;
};

/// [fleet]: the optional MQTT transport of heartbeats and commands (issue 19 part 5; README).
/// Absent: heartbeats and commands go over HTTP only.
struct FleetSection {
    static constexpr int kMinSessionExpiryS = 60;             ///< below: a reboot loses commands
    static constexpr int kMaxSessionExpiryS = 30 * 24 * 3600; ///< a month off is a lost kiosk
    std::string mqttUrl; ///< mqtts://HOST[:PORT] (8883); mqtt:// only to loopback, as [platform]
    std::string topicPrefix; ///< "kiosk/510703": topics are <prefix>/<kiosk id>/heartbeat, ...
    std::string caFile;      ///< default: [platform] ca_file
    std::string certFile;    ///< client certificate; default: [platform] cert_file
    std::string keyFile;     ///< default: [platform] key_file
    int sessionExpiryS = 7 * 24 * 3600; ///< how long the broker keeps commands for a kiosk away
};

/// [remote_config]: what the set_config command keeps in the file it rewrites. Not in
/// specs/config.md: a project addition described in README (Remote commands).
struct RemoteConfigSection {
    /// The version of the last signed fragment applied (0: none yet). Every fragment must set
    /// a higher one, so a signed fragment sent again later (a replay) is refused.
    std::int64_t version = 0;
};

/// Each device is "fake" or a backend spec such as "serial:/dev/ttyACM0" or "usb:0400:c35a".
using DevicesSection = hal::DeviceSpecs;

struct Config {
    KioskSection kiosk;
    PlatformSection platform;
    CatalogSection catalog;
    QueueSection queue;
    DevicesSection devices;
    ReceiptSection receipt;
    AuditSection audit;
    SessionSection session;
    MaintenanceSection maintenance;
    std::optional<FleetSection> fleet;
    RemoteConfigSection remoteConfig;
};

enum class ConfigErrc { syntax = 1, unknown_key, missing_key, wrong_type, bad_value, unreadable };
const std::error_category& configCategory();
inline std::error_code make_error_code(ConfigErrc e)
{
    return {static_cast<int>(e), configCategory()};
}

/// Parses and validates TOML text. Errors name the source, the line and the key, e.g.
/// "kiosk.toml:7: unknown key 'queue.max_size'". Nothing is guessed: any doubt is an error.
[[nodiscard]] base::Result<Config> parseConfig(std::string_view toml, std::string_view sourceName);

/// A configuration fragment (the set_config remote command) merged over a whole configuration.
struct ConfigMerge {
    Config config;    ///< the merged configuration, validated as a whole
    std::string toml; ///< the merged file, as it would be written
    std::vector<std::string>
        keys; ///< every dotted key the fragment sets ("session.idle_timeout_s")
    std::vector<std::string> changed; ///< those whose value differs from `current`'s
};

/// Parses `fragment`, TOML with the keys of the configuration file, with the same parser; merges
/// it over `current` (a table key by key, a value or an array replaced whole); validates the
/// merged configuration completely, then the very text it would write once more. `current` must
/// be valid itself. Errors name the fragment (or `currentName`), the line and the key.
[[nodiscard]] base::Result<ConfigMerge> mergeConfigFragment(std::string_view current,
                                                            std::string_view currentName,
                                                            std::string_view fragment,
                                                            std::string_view fragmentName);

/// Reads and parses a configuration file.
[[nodiscard]] base::Result<Config> loadConfig(const std::filesystem::path& file);

/// The default path, /etc/kiosk/kiosk.toml.
[[nodiscard]] std::filesystem::path defaultConfigPath();

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::ConfigErrc> : std::true_type {
};
