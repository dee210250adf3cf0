// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/installed_catalog_watch.h"

#include "base/log.h"

#include <string>

namespace kiosk::core {

InstalledCatalogWatch::InstalledCatalogWatch(const CatalogStore& store, CatalogHolder& holder)
    : store_(store), holder_(holder)
{
}

std::optional<std::int64_t> InstalledCatalogWatch::poll()
{
    auto identity = store_.currentIdentity();
    if (polled_ && identity == seen_)
        return std::nullopt;
    polled_ = true;
    seen_ = identity;
    if (!identity)
        return std::nullopt;
    // Verified again here, not trusted from the installer: the file is the kiosk's input.
    auto installed = store_.installed();
    if (!installed || installed->catalog.catalogVersion <= holder_.newestVersion())
        return std::nullopt;
    const auto version = installed->catalog.catalogVersion;
    holder_.stage(std::move(installed->catalog));
    base::log::info("core/catalog", "catalog " + std::to_string(version) +
                                        " installed under data_dir; shown from the next "
                                        "moment nobody is being served");
    return version;
}

} // namespace kiosk::core
