// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/installed_catalog_watch.h"

#include "base/log.h"

#include <string>
#include <utility>

namespace kiosk::core {

InstalledCatalogWatch::InstalledCatalogWatch(const CatalogStore& store, CatalogHolder& holder)
    : store_(store), holder_(holder)
{
}

InstalledCatalogWatch::~InstalledCatalogWatch()
{
    stop();
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

void InstalledCatalogWatch::start(const base::Clock& clock, std::chrono::milliseconds period)
{
    stop();
    worker_ = std::make_unique<base::Worker>(
        base::Worker::Options{"core/catalog-watch", std::chrono::seconds(1), backgroundNice},
        clock);
    worker_->start([this, period](std::stop_token) {
        holder_.releaseRetired();
        (void)poll(); // it logs what it staged; the store audits bad files
        return period;
    });
}

void InstalledCatalogWatch::stop()
{
    if (worker_)
        worker_->stop();
}

} // namespace kiosk::core
