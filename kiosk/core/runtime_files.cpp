// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/runtime_files.h"

#include <system_error>

namespace kiosk::core {

queue::StoreOptions storeOptions(const Config& config, const base::Clock& clock)
{
    queue::StoreOptions options;
    options.clock = &clock;
    options.keyFile = config.queue.keyFile;
    // The configuration was validated: the cipher name is one of the two known ones.
    options.cipher = queue::cipherFromString(config.queue.cipher).value_or(options.cipher);
    options.maxBytes = static_cast<std::uint64_t>(config.queue.maxMb) << 20;
    return options;
}

base::Result<std::unique_ptr<queue::Store>> openQueue(const Config& config,
                                                      const base::Clock& clock)
{
    const auto& dir = config.kiosk.dataDir;
    std::error_code error;
    if (!std::filesystem::exists(dir, error)) {
        std::filesystem::create_directories(dir, error);
        if (!error)
            std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                         std::filesystem::perm_options::replace, error);
    }
    if (error)
        return base::fail(base::errc::io, "cannot create [kiosk] data_dir " + dir.string() + ": " +
                                              error.message());
    auto store = queue::Store::open(queueDatabasePath(config), storeOptions(config, clock));
    if (!store)
        return base::fail(store.error().withContext("offline queue"));
    return store;
}

AuditOptions auditOptions(const Config& config, std::string actor)
{
    AuditOptions options;
    // The configuration was validated: the hash name is one of the two known ones.
    options.hash = auditHashFromString(config.audit.hash).value_or(AuditHash::Sha256);
    options.fileBytes = static_cast<std::uint64_t>(config.audit.fileKb) << 10;
    options.maxBytes = static_cast<std::uint64_t>(config.audit.maxMb) << 20;
    options.actor = std::move(actor);
    return options;
}

base::Result<std::unique_ptr<AuditTrail>> openAuditTrail(const Config& config, std::string actor,
                                                         const base::Clock& clock)
{
    return AuditTrail::open(config.kiosk.dataDir, auditOptions(config, std::move(actor)), clock);
}

} // namespace kiosk::core
