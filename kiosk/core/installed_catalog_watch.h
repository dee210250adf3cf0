// SPDX-License-Identifier: Apache-2.0
// kiosk::core::InstalledCatalogWatch: notices a catalog installed under data_dir while the
// kiosk runs (kioskctl catalog install) and stages it, to be switched in between sessions.
#pragma once

#include "base/clock.h"
#include "base/worker.h"
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/catalog_store.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace kiosk::core {

/// poll() costs one stat() while nothing changed; only a current.json with a new identity
/// (inode, size, mtime) is read and verified, once. A verified catalog newer than the one in
/// service (or staged) is prepared and staged in the holder, all on the polling thread;
/// CatalogHolder::switchIfIdle shows it when nobody is being served. An older one (a
/// technician's --allow-rollback) waits for a restart, like any catalog that is not newer: the
/// holder only ever moves forward while running.
/// poll() has one caller at a time: the watch's own worker once start()ed, or a test.
class InstalledCatalogWatch {
public:
    static constexpr int backgroundNice = 10;

    /// Both must outlive the watch. The first poll() reads the installed catalog once: it may
    /// have been installed between the kiosk's start and the watch's creation.
    InstalledCatalogWatch(const CatalogStore& store, CatalogHolder& holder);
    ~InstalledCatalogWatch();
    InstalledCatalogWatch(const InstalledCatalogWatch&) = delete;
    InstalledCatalogWatch& operator=(const InstalledCatalogWatch&) = delete;

    /// Returns the version it staged, or nothing (unchanged, not newer, or not verified: the
    /// store audits an unusable file).
    std::optional<std::int64_t> poll();

    /// Polls every `period` on a base::Worker ("core/catalog-watch") until stop(), and frees
    /// the catalogs the screens switched away from there too: the read, the signature check,
    /// the search index and the freeing of a big catalog never run on the GUI thread. The
    /// worker runs at nice `backgroundNice`, so the GUI thread gets the CPU first.
    void start(const base::Clock& clock, std::chrono::milliseconds period);
    /// Waits for a poll in progress to end. Idempotent.
    void stop();

private:
    const CatalogStore& store_;
    CatalogHolder& holder_;
    bool polled_ = false;
    std::optional<FileIdentity> seen_;
    std::unique_ptr<base::Worker> worker_; ///< last: stopped before what its step uses
};

} // namespace kiosk::core
