// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_holder.h"

#include "kiosk/core/session.h"

#include <algorithm>
#include <iterator>

namespace kiosk::core {

namespace {
std::shared_ptr<const CatalogSnapshot>
prepared(Catalog catalog, CatalogSnapshot::SearchIndex index = CatalogSnapshot::SearchIndex::Now)
{
    return CatalogSnapshot::prepare(std::make_shared<const Catalog>(std::move(catalog)), index);
}
} // namespace

CatalogHolder::CatalogHolder(Catalog initial, CatalogSnapshot::SearchIndex index)
    : current_(prepared(std::move(initial), index))
{
}

std::shared_ptr<const Catalog> CatalogHolder::current() const
{
    const std::lock_guard lock(mutex_);
    return current_->sharedCatalog();
}

std::shared_ptr<const CatalogSnapshot> CatalogHolder::currentSnapshot() const
{
    const std::lock_guard lock(mutex_);
    return current_;
}

std::int64_t CatalogHolder::newestVersion() const
{
    const std::lock_guard lock(mutex_);
    return std::max(current_->catalog().catalogVersion,
                    staged_ ? staged_->catalog().catalogVersion : 0);
}

bool CatalogHolder::hasStaged() const
{
    const std::lock_guard lock(mutex_);
    return staged_ != nullptr;
}

void CatalogHolder::stage(Catalog next)
{
    auto snapshot = prepared(std::move(next));
    const auto version = snapshot->catalog().catalogVersion;
    {
        const std::lock_guard lock(mutex_);
        if (staged_ && staged_->catalog().catalogVersion > version)
            return; // a newer one was staged while this one was being prepared
        std::swap(staged_, snapshot);
    }
    snapshot.reset(); // whatever it replaced goes here, on the staging thread
    staged.publish(version);
}

bool CatalogHolder::switchIfIdle(SessionState state)
{
    std::shared_ptr<const CatalogSnapshot> switchedTo;
    {
        const std::lock_guard lock(mutex_);
        if (state != SessionState::Idle || !staged_)
            return false;
        retired_.push_back(std::move(current_));
        current_ = std::move(staged_);
        staged_.reset();
        switchedTo = current_;
    }
    switched.publish(switchedTo);
    return true;
}

void CatalogHolder::releaseRetired()
{
    std::vector<std::shared_ptr<const CatalogSnapshot>> unused;
    {
        // Under the lock nobody can copy from retired_, so a use count of 1 is exact.
        const std::lock_guard lock(mutex_);
        const auto inUse = std::partition(retired_.begin(), retired_.end(),
                                          [](const auto& old) { return old.use_count() > 1; });
        std::move(inUse, retired_.end(), std::back_inserter(unused));
        retired_.erase(inUse, retired_.end());
    }
    // `unused` is destroyed here, without the lock.
}

} // namespace kiosk::core
