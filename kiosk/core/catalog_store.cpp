// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_store.h"

#include "base/durable_file.h"
#include "base/log.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::core {

namespace {

namespace fs = std::filesystem;

base::Result<void> makePrivateDir(const fs::path& dir)
{
    std::error_code error;
    if (!fs::exists(dir, error)) {
        fs::create_directories(dir, error);
        if (!error)
            fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, error);
    }
    if (error)
        return base::fail(base::errc::io, "cannot create " + dir.string() + ": " + error.message());
    return {};
}

class InstallCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "catalog-install"; }
    std::string message(int value) const override
    {
        return static_cast<InstallErrc>(value) == InstallErrc::already_in_service
                   ? "catalog version already in service"
                   : "catalog version older than the one in service";
    }
};

} // namespace

const std::error_category& installCategory()
{
    static const InstallCategory instance;
    return instance;
}

base::Result<std::string> readFileLimited(const fs::path& path, std::size_t limit)
{
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error)
        return base::fail(base::errc::io, "cannot read " + path.string() + ": " + error.message());
    if (size > limit)
        return base::fail(CatalogErrc::too_large, path.string() + " is " +
                                                      std::to_string(size / (1024 * 1024)) +
                                                      " MiB; catalogs over 50 MiB are refused");
    std::ifstream in(path, std::ios::binary);
    std::string text(size, '\0');
    if (!in || !in.read(text.data(), static_cast<std::streamsize>(size)))
        return base::fail(base::errc::io, "cannot read " + path.string());
    return text;
}

CatalogStore::CatalogStore(fs::path dataDir, std::vector<TrustedKey> trustedKeys, AuditTrail* audit)
    : dataDir_(std::move(dataDir)), dir_(dataDir_ / "catalog"), keys_(std::move(trustedKeys)),
      audit_(audit)
{
}

void CatalogStore::audit(const std::string& event, const std::string& result,
                         const nlohmann::json& fields) const
{
    if (audit_ == nullptr)
        return;
    const auto version = fields.find("catalogVersion");
    AuditEvent record{.actor = {},
                      .event = event,
                      .object = version == fields.end() ? "catalog" : "catalog " + version->dump(),
                      .result = result,
                      .detail = fields,
                      .durable = true};
    if (auto appended = audit_->append(std::move(record)); !appended)
        base::log::error("core/catalog", "audit trail: " + appended.error().describe());
}

base::Result<VerifiedCatalog> CatalogStore::install(std::string_view envelopeJson,
                                                    const InstallOptions& options)
{
    nlohmann::json fields{{"origin", options.origin},
                          {"inServiceVersion", options.inServiceVersion}};
    const auto refuse = [&](const base::Error& error) {
        fields["reason"] = error.message;
        audit("catalog.refused", "refused", fields);
        return base::fail(error);
    };
    auto verified = verifyEnvelopeText(envelopeJson, keys_);
    if (!verified)
        return refuse(verified.error());
    const auto version = verified->catalog.catalogVersion;
    fields["catalogVersion"] = version;
    fields["keyId"] = verified->keyId;
    if (version == options.inServiceVersion) {
        const base::Error same{make_error_code(InstallErrc::already_in_service),
                               "catalogVersion " + std::to_string(version) +
                                   " is already in service"};
        return options.auditSameVersion ? refuse(same) : base::fail(same);
    }
    const bool rollback = version < options.inServiceVersion;
    if (rollback && !options.allowRollback)
        return refuse(base::Error{
            make_error_code(InstallErrc::older_version),
            "catalogVersion " + std::to_string(version) + " is older than the installed " +
                std::to_string(options.inServiceVersion) +
                "; a technician can roll back on the kiosk with --allow-rollback"});
    if (auto written = writeAtomically(envelopeJson); !written)
        return refuse(written.error());
    fields["rollback"] = rollback;
    audit(rollback ? "catalog.rolled_back" : "catalog.installed", "ok", fields);
    return verified;
}

base::Result<void> CatalogStore::writeAtomically(std::string_view envelopeJson)
{
    if (auto made = makePrivateDir(dataDir_); !made)
        return made;
    if (auto made = makePrivateDir(dir_); !made)
        return made;
    // The catalog in service becomes the last known good one as the new one replaces it.
    // Readable by all (a public, signed document; kioskctl may install it as root for the
    // kiosk's user): the folder is what is private.
    base::ReplaceOptions how;
    how.mode = 0644;
    how.keepPrevious = previousPath();
    auto written = base::replaceFile(currentPath(), envelopeJson, how);
    if (!written)
        return base::fail(base::errc::io, "cannot install catalog: " + written.error().message);
    return {};
}

std::optional<VerifiedCatalog> CatalogStore::installed() const
{
    for (const auto& path : {currentPath(), previousPath()}) {
        std::error_code error;
        if (!fs::exists(path, error))
            continue;
        auto text = readFileLimited(path, maxEnvelopeBytes);
        auto verified = text ? verifyEnvelopeText(*text, keys_)
                             : base::Result<VerifiedCatalog>(base::fail(text.error()));
        if (verified)
            return std::move(*verified);
        audit("catalog.unusable", "error",
              {{"file", path.filename().string()}, {"reason", verified.error().message}});
    }
    return std::nullopt;
}

std::optional<FileIdentity> CatalogStore::currentIdentity() const
{
    struct stat info {};
    if (::stat(currentPath().c_str(), &info) != 0)
        return std::nullopt;
    FileIdentity identity;
    identity.device = info.st_dev;
    identity.inode = info.st_ino;
    identity.size = static_cast<std::uintmax_t>(info.st_size);
    identity.modifiedNs = std::int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec;
    return identity;
}

} // namespace kiosk::core
