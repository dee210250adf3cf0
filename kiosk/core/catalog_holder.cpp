// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_holder.h"

#include "kiosk/core/session.h"

#include <algorithm>

namespace kiosk::core {

CatalogHolder::CatalogHolder(Catalog initial)
    : current_(std::make_shared<const Catalog>(std::move(initial)))
{
}

std::shared_ptr<const Catalog> CatalogHolder::current() const
{
    const std::lock_guard lock(mutex_);
    return current_;
}

std::int64_t CatalogHolder::newestVersion() const
{
    const std::lock_guard lock(mutex_);
    return std::max(current_->catalogVersion, staged_ ? staged_->catalogVersion : 0);
}

bool CatalogHolder::hasStaged() const
{
    const std::lock_guard lock(mutex_);
    return staged_ != nullptr;
}

void CatalogHolder::stage(Catalog next)
{
    const std::lock_guard lock(mutex_);
    staged_ = std::make_shared<const Catalog>(std::move(next));
}

bool CatalogHolder::switchIfIdle(SessionState state)
{
    std::shared_ptr<const Catalog> switched;
    Listener listener;
    {
        const std::lock_guard lock(mutex_);
        if (state != SessionState::Idle || !staged_)
            return false;
        current_ = std::move(staged_);
        staged_.reset();
        switched = current_;
        listener = listener_;
    }
    if (listener)
        listener(switched);
    return true;
}

void CatalogHolder::setListener(Listener listener)
{
    const std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

} // namespace kiosk::core
