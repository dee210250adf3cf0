// SPDX-License-Identifier: Apache-2.0
// FakeReviewTablet: a scriptable 好差评 tablet; the script plays the citizen's taps.
#pragma once

#include "drivers/fake/fake_device.h"
#include "hal/review_tablet.h"

#include <vector>

namespace drivers::fake {

class FakeReviewTablet final : public FakeDevice<hal::ReviewTablet> {
public:
    FakeReviewTablet();

    /// The citizen rates the request shown. A touch tablet asked again for a missing reason
    /// keeps the request (reasonRequests() counts it); otherwise the outcome is published on
    /// the calling thread. False when no request is shown.
    bool rate(hal::Rating rating);
    /// The citizen walks away: the tablet reports a timeout. False when none is shown.
    bool walkAway();
    /// The tablet answers {"type":"error","code":...}: busy or bad_request.
    bool refuse(std::string code);
    /// What the tablet says it is (a hello): e.g. a four-key evaluator.
    void setInfo(hal::TabletInfo info) { hal::ReviewTablet::setInfo(std::move(info)); }

    /// The device goes away; a request shown fails with no_device.
    void unplug();

    /// The requests shown so far (what the tablet displayed).
    [[nodiscard]] std::vector<hal::RatingRequest> requests() const;
    /// Requests withdrawn by cancel(), by id.
    [[nodiscard]] std::vector<std::string> cancelled() const;
    /// How often the tablet was told reason_required.
    [[nodiscard]] int reasonRequests() const;

protected:
    base::Result<void> showImpl(const std::string& requestId,
                                const hal::RatingRequest& request) override;
    void cancelImpl(const std::string& requestId) override;
    void closeImpl() override;

private:
    std::vector<hal::RatingRequest> requests_;
    std::vector<std::string> cancelled_;
    int reasonRequests_ = 0;
};

} // namespace drivers::fake
