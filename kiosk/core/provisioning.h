// SPDX-License-Identifier: Apache-2.0
// Provisioning: a kiosk's identity and secrets (kiosk id, platform URL, CA, client certificate
// and key, catalog trust keys, queue key) imported from one provisioning file (README,
// "Technicians"; image/README.md). Everything is validated before anything is written,
// including that the kiosk would then have a catalog it accepts (specs/config.md: with trust
// keys, only signed ones); each file is written atomically; the source is wiped afterwards.
// Errors never quote a value.
#pragma once

#include "base/result.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace kiosk::core {

enum class ProvisioningErrc {
    invalid = 1,         ///< the provisioning file is wrong (the message says what, not the value)
    already_provisioned, ///< the configuration names a kiosk already; --replace to override
    no_configuration,    ///< no valid configuration to provision (the package installs one)
    io,                  ///< a file could not be written
    no_catalog,          ///< with the file's trust keys the kiosk would accept no catalog
};
const std::error_category& provisioningCategory();
inline std::error_code make_error_code(ProvisioningErrc e)
{
    return {static_cast<int>(e), provisioningCategory()};
}

/// The kiosk id a configuration has before provisioning (the package's kiosk.toml).
inline constexpr std::string_view kUnprovisionedId = "UNPROVISIONED";

/// The fixed name of the provisioning file on a USB stick (image/provision-usb).
inline constexpr std::string_view kProvisioningFileName = "kiosk-provisioning.toml";

/// The fixed name of the signed catalog beside it (image/provision-usb passes it on).
inline constexpr std::string_view kCatalogEnvelopeFileName = "kiosk-catalog.envelope.json";

struct ProvisionedTrustKey {
    std::string id;
    std::string alg; ///< "ed25519" or "sm2"
    std::string publicKeyPem;
};

/// A provisioning file's content, validated: every PEM parses, the key fits the certificate.
struct Provisioning {
    std::string kioskId;
    std::string platformUrl;
    std::string caPem;
    std::string certPem;
    std::string keyPem; ///< secret
    std::vector<ProvisionedTrustKey> trustKeys;
    std::array<std::uint8_t, 32> queueKey{}; ///< secret
    std::string certSubject;                 ///< for the report (not secret)
    std::string certNotAfter;

    Provisioning() = default;
    Provisioning(const Provisioning&) = delete;
    Provisioning& operator=(const Provisioning&) = delete;
    Provisioning(Provisioning&&) = default;
    Provisioning& operator=(Provisioning&&) = default;
    ~Provisioning(); ///< zeroes the secrets
};

/// Parses and validates a provisioning file's text completely. `sourceName` prefixes errors.
[[nodiscard]] base::Result<Provisioning> parseProvisioning(std::string_view text,
                                                           std::string_view sourceName);

/// A kiosk id: 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit (it travels in
/// an HTTP header, MQTT topics and file names), and not "UNPROVISIONED".
[[nodiscard]] bool validKioskId(std::string_view id);

struct ProvisionOptions {
    std::filesystem::path configFile; ///< the configuration to complete (kiosk.toml)
    bool replace = false;             ///< a technician's explicit consent to provision again
    /// A signed catalog envelope's text offered with the file (kioskctl provision --catalog):
    /// it must verify with one of the file's trust keys. provision() does not install it.
    std::optional<std::string> catalogEnvelope;
};

struct ProvisionReport {
    std::string kioskId;
    std::string platformUrl;
    std::string certSubject;
    std::string certNotAfter;
    std::string previousKioskId;                ///< non-empty when --replace replaced one
    std::vector<std::filesystem::path> written; ///< every file written, the configuration last
    bool queueKeyChanged = false;               ///< an existing, different queue key was replaced
    bool sourceWiped = false;
    std::string wipeProblem; ///< why the source could not be wiped (e.g. a read-only medium)
    /// The catalog the kiosk accepts with the new trust keys: the offered envelope's version,
    /// else the version of the one it starts with (findServiceCatalog), from `catalogSource`.
    std::int64_t catalogVersion = 0;
    std::filesystem::path catalogSource; ///< empty for the offered envelope
};

/// Imports `source` into the configuration `options.configFile`: validates the file and the
/// merged configuration, refuses a configuration that names a kiosk already (unless replace),
/// refuses (no_catalog) when with the file's trust keys the kiosk would accept no catalog: the
/// offered envelope must verify with one of them, or, without one, the catalog the kiosk would
/// start with (the configured or shipped one, or one installed under data_dir) must; writes the
/// certificates and keys beside the configuration (the client key and the queue key mode 0600,
/// owned by the owner of data_dir), the queue key where [queue] key_file says, then the
/// configuration; finally overwrites the source with zeros and unlinks it. A wipe that fails does
/// not fail the import: the report says why.
[[nodiscard]] base::Result<ProvisionReport> provision(const std::filesystem::path& source,
                                                      const ProvisionOptions& options);

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::ProvisioningErrc> : std::true_type {
};
