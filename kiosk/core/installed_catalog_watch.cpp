// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/installed_catalog_watch.h"

#include "base/log.h"

#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>

#include <string>
#include <utility>

namespace kiosk::core {

namespace {

/// Preparing 20,000 items keeps a core busy for a second; on a two-core kiosk the GUI thread
/// must not wait for a time slice behind it. Linux nice values are per thread; raising one's
/// own needs no privilege, and failing to is harmless (only slower frames).
void yieldToTheGuiThread()
{
    const auto self = static_cast<id_t>(::gettid());
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, self);
    if (errno == 0 && nice >= InstalledCatalogWatch::backgroundNice)
        return; // the whole kiosk already runs nicer: never raise a thread above it
    (void)::setpriority(PRIO_PROCESS, self, InstalledCatalogWatch::backgroundNice);
}

} // namespace

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
    worker_ = std::make_unique<base::Worker>(base::Worker::Options{"core/catalog-watch"}, clock);
    worker_->start([this, period, first = true](std::stop_token) mutable {
        if (std::exchange(first, false))
            yieldToTheGuiThread();
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
