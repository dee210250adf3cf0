// SPDX-License-Identifier: Apache-2.0
// The signed catalogs installed under [kiosk] data_dir: atomic install, the last-known-good
// copy, the rollback rule, and the audit trail of every accept and refusal.
#pragma once

#include "base/result.h"
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/config.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::core {

/// Why CatalogStore::install declined a catalog that verified.
enum class InstallErrc { already_in_service = 1, older_version };
const std::error_category& installCategory();
inline std::error_code make_error_code(InstallErrc e)
{
    return {static_cast<int>(e), installCategory()};
}

/// What identifies an installed envelope on disk without reading it. Every install renames a
/// new file into place (a new inode); size and modification time also catch an edit in place.
struct FileIdentity {
    std::uintmax_t device = 0;
    std::uintmax_t inode = 0;
    std::uintmax_t size = 0;
    std::int64_t modifiedNs = 0;
    bool operator==(const FileIdentity&) const = default;
};

/// Layout under data_dir (owner-only):
///   catalog/current.json   the envelope in service
///   catalog/previous.json  the envelope it replaced (last known good)
/// Accepts, refusals, rollbacks and unusable copies go to the audit trail (audit_trail.h) as
/// catalog.installed / catalog.refused / catalog.rolled_back / catalog.unusable.
class CatalogStore {
public:
    /// `audit` (may be null: nothing audited) must outlive the store.
    CatalogStore(std::filesystem::path dataDir, std::vector<TrustedKey> trustedKeys,
                 AuditTrail* audit = nullptr);

    struct InstallOptions {
        std::string origin = "platform";   ///< "platform", "usb", ... (recorded in the audit)
        std::int64_t inServiceVersion = 0; ///< the version to beat (from any source)
        bool allowRollback = false;        ///< a technician on the kiosk itself only
        /// Audit a download of the version already in service? The periodic sync says no:
        /// after every start it fetches the catalog in service once, which is not news.
        bool auditSameVersion = true;
    };

    /// Verifies the envelope, checks that it is newer than `inServiceVersion` (or that a
    /// rollback is allowed), and installs it atomically. Accepts and refusals are audited with
    /// their reason; on refusal nothing on disk changes.
    [[nodiscard]] base::Result<VerifiedCatalog> install(std::string_view envelopeJson,
                                                        const InstallOptions& options);

    /// The installed catalog: current.json if it verifies, else the last-known-good
    /// previous.json, else nothing. A bad current copy is audited.
    [[nodiscard]] std::optional<VerifiedCatalog> installed() const;

    /// The identity of current.json (one stat(), nothing read or verified), or nothing when
    /// no catalog is installed. A running kiosk compares it to notice a new install.
    [[nodiscard]] std::optional<FileIdentity> currentIdentity() const;

    /// Appends one audit record (no personal data: catalogs carry none); `fields` become its
    /// detail.
    void audit(const std::string& event, const std::string& result,
               const nlohmann::json& fields) const;

    [[nodiscard]] std::filesystem::path currentPath() const { return dir_ / "current.json"; }
    [[nodiscard]] std::filesystem::path previousPath() const { return dir_ / "previous.json"; }

private:
    base::Result<void> writeAtomically(std::string_view envelopeJson);

    std::filesystem::path dataDir_;
    std::filesystem::path dir_;
    std::vector<TrustedKey> keys_;
    AuditTrail* audit_;
};

/// Reads a whole file, refusing files over `limit` bytes before reading them.
[[nodiscard]] base::Result<std::string> readFileLimited(const std::filesystem::path& path,
                                                        std::size_t limit);

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::InstallErrc> : std::true_type {
};
