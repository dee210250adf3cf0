// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_review_tablet.h"

namespace drivers::fake {

void FakeReviewTablet::rate(hal::Rating rating)
{
    {
        std::lock_guard lock(mutex_);
        ratings_.push_back(std::move(rating));
    }
    notifyChanged();
}

std::vector<hal::RatingRequest> FakeReviewTablet::requests() const
{
    std::lock_guard lock(mutex_);
    return requests_;
}

base::Result<std::optional<hal::Rating>>
FakeReviewTablet::requestRatingImpl(const hal::RatingRequest& request,
                                    std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    requests_.push_back(request);
    auto arrived = waitUntil(lock, timeout, [&] { return !ratings_.empty() || failurePending(); });
    if (!arrived)
        return base::fail(arrived.error());
    if (auto failure = takeFailure())
        return base::fail(*failure);
    if (!*arrived)
        return std::optional<hal::Rating>{};
    auto rating = std::move(ratings_.front());
    ratings_.pop_front();
    return std::optional<hal::Rating>{std::move(rating)};
}

} // namespace drivers::fake
