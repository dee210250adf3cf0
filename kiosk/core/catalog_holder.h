// SPDX-License-Identifier: Apache-2.0
// The catalog the screens show. A newly installed catalog is staged and switched in only when
// the session is back at idle, so a citizen never sees the items change mid-session.
#pragma once

#include "kiosk/core/catalog.h"

#include <functional>
#include <memory>
#include <mutex>

namespace kiosk::core {

// Declared, not included: session.h brings base/signal.h, whose emit() collides with Qt's
// keyword macros in the view-models that include this header.
enum class SessionState;

class CatalogHolder {
public:
    using Listener = std::function<void(std::shared_ptr<const Catalog>)>;

    explicit CatalogHolder(Catalog initial);

    /// The catalog in service. Callers keep the pointer for as long as they use it.
    [[nodiscard]] std::shared_ptr<const Catalog> current() const;
    /// The version of the catalog in service, or of the staged one when there is one: the
    /// version a newer download has to beat.
    [[nodiscard]] std::int64_t newestVersion() const;
    [[nodiscard]] bool hasStaged() const;

    /// Thread-safe (the sync thread calls it). Replaces any earlier staged catalog.
    void stage(Catalog next);

    /// Switches to the staged catalog if `state` is Idle; returns true when it switched.
    /// Call it on the GUI thread: the kiosk's once-a-second timer calls it (with Idle) while
    /// the home screen is shown. The listener runs on the caller's thread, after the switch.
    bool switchIfIdle(SessionState state);

    void setListener(Listener listener);

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const Catalog> current_;
    std::shared_ptr<const Catalog> staged_;
    Listener listener_;
};

} // namespace kiosk::core
