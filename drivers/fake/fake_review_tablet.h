// SPDX-License-Identifier: Apache-2.0
// FakeReviewTablet: a scriptable 好差评 tablet; ratings queue up as a citizen's taps would.
#pragma once

#include "drivers/fake/fake_device.h"
#include "hal/review_tablet.h"

#include <deque>

namespace drivers::fake {

class FakeReviewTablet final : public FakeDevice<hal::ReviewTablet> {
public:
    FakeReviewTablet() : FakeDevice("FakeReviewTablet") {}

    /// The citizen's next rating; requestRating() returns it.
    void rate(hal::Rating rating);
    /// The requests shown so far (what the tablet displayed).
    [[nodiscard]] std::vector<hal::RatingRequest> requests() const;

protected:
    base::Result<std::optional<hal::Rating>>
    requestRatingImpl(const hal::RatingRequest& request,
                      std::chrono::milliseconds timeout) override;

private:
    std::deque<hal::Rating> ratings_;
    std::vector<hal::RatingRequest> requests_;
};

} // namespace drivers::fake
