// SPDX-License-Identifier: Apache-2.0
// The catalog the screens show. A newly installed catalog is prepared (CatalogSnapshot) by the
// thread that stages it and switched in only when the session is back at idle, so a citizen
// never sees the items change mid-session and the GUI thread only swaps pointers.
#pragma once

#include "base/signal.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/catalog_snapshot.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace kiosk::core {

// Declared, not included: the view-models include this header and need no session.
enum class SessionState;

class CatalogHolder {
public:
    /// Prepares the first snapshot on the calling thread: the composition root's, before any
    /// window exists. The kiosk leaves its search index for a worker (`index` OnFirstUse) so
    /// that the home screen shows first.
    explicit CatalogHolder(Catalog initial,
                           CatalogSnapshot::SearchIndex index = CatalogSnapshot::SearchIndex::Now);

    /// The catalog in service. Callers keep the pointer for as long as they use it.
    [[nodiscard]] std::shared_ptr<const Catalog> current() const;
    /// The catalog in service with what the screens derive from it.
    [[nodiscard]] std::shared_ptr<const CatalogSnapshot> currentSnapshot() const;
    /// The version of the catalog in service, or of the staged one when there is one: the
    /// version a newer download has to beat.
    [[nodiscard]] std::int64_t newestVersion() const;
    [[nodiscard]] bool hasStaged() const;

    /// Prepares `next` on the calling thread (the catalog sync's or the installed-catalog
    /// watch's worker, never the GUI thread: 20,000 items take a while) with no lock held, then
    /// stages it, replacing an earlier staged catalog unless that one is newer (two stagers may
    /// finish preparing out of order). Publishes `staged` on the calling thread. Thread-safe.
    void stage(Catalog next);

    /// Switches to the staged catalog if `state` is Idle; returns true when it switched. Only
    /// pointers move, so the GUI thread may call it whenever the citizen is back at home
    /// (kiosk/app's CatalogSwitcher does); `switched` is published on the calling thread after
    /// the switch.
    bool switchIfIdle(SessionState state);

    /// Destroys the catalogs switched out since the last call that nobody uses any more, on the
    /// calling thread (a worker's): freeing 20,000 items is work the GUI thread must not do when
    /// it lets go of the last screen's reference. Thread-safe.
    void releaseRetired();

    /// The snapshot now in service; published on the thread that called switchIfIdle.
    base::Signal<const std::shared_ptr<const CatalogSnapshot>&> switched;
    /// A prepared catalog of this version is staged; published on the staging thread.
    base::Signal<std::int64_t> staged;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const CatalogSnapshot> current_;
    std::shared_ptr<const CatalogSnapshot> staged_;
    std::vector<std::shared_ptr<const CatalogSnapshot>> retired_;
};

} // namespace kiosk::core
