// SPDX-License-Identifier: Apache-2.0
// kiosk::core::InstalledCatalogWatch: notices a catalog installed under data_dir while the
// kiosk runs (kioskctl catalog install) and stages it, to be switched in between sessions.
#pragma once

#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/catalog_store.h"

#include <cstdint>
#include <optional>

namespace kiosk::core {

/// poll() costs one stat() while nothing changed; only a current.json with a new identity
/// (inode, size, mtime) is read and verified, once. A verified catalog newer than the one in
/// service (or staged) is staged in the holder; CatalogHolder::switchIfIdle shows it when
/// nobody is being served. An older one (a technician's --allow-rollback) waits for a restart,
/// like any catalog that is not newer: the holder only ever moves forward while running.
/// Not thread-safe: one caller (the GUI thread's timer).
class InstalledCatalogWatch {
public:
    /// Both must outlive the watch. The first poll() reads the installed catalog once: it may
    /// have been installed between the kiosk's start and the watch's creation.
    InstalledCatalogWatch(const CatalogStore& store, CatalogHolder& holder);

    /// Returns the version it staged, or nothing (unchanged, not newer, or not verified: the
    /// store audits an unusable file).
    std::optional<std::int64_t> poll();

private:
    const CatalogStore& store_;
    CatalogHolder& holder_;
    bool polled_ = false;
    std::optional<FileIdentity> seen_;
};

} // namespace kiosk::core
