// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_review_tablet.h"

namespace drivers::fake {

FakeReviewTablet::FakeReviewTablet() : FakeDevice("FakeReviewTablet")
{
    hal::ReviewTablet::setInfo({"FakeReviewTablet", "1.0", hal::TabletInput::Touch, 0});
}

bool FakeReviewTablet::rate(hal::Rating rating)
{
    auto id = pendingRequest();
    if (!id)
        return false;
    if (answer(*id, std::move(rating)) == Answer::AskAgain) {
        std::lock_guard lock(mutex_);
        ++reasonRequests_;
    }
    return true;
}

bool FakeReviewTablet::walkAway()
{
    auto id = pendingRequest();
    return id && finish({*id, hal::RatingOutcomeKind::TimedOut, {}, {}});
}

bool FakeReviewTablet::refuse(std::string code)
{
    auto id = pendingRequest();
    const auto errc = code == "busy" ? hal::errc::busy : hal::errc::protocol;
    return id && finish({*id,
                         hal::RatingOutcomeKind::Failed,
                         {},
                         base::Error{make_error_code(errc), "the tablet answered " + code}});
}

void FakeReviewTablet::unplug()
{
    FakeDevice::unplug();
    failPending({make_error_code(hal::errc::no_device), "fake tablet was unplugged"});
}

std::vector<hal::RatingRequest> FakeReviewTablet::requests() const
{
    std::lock_guard lock(mutex_);
    return requests_;
}

std::vector<std::string> FakeReviewTablet::cancelled() const
{
    std::lock_guard lock(mutex_);
    return cancelled_;
}

int FakeReviewTablet::reasonRequests() const
{
    std::lock_guard lock(mutex_);
    return reasonRequests_;
}

base::Result<void> FakeReviewTablet::showImpl(const std::string&, const hal::RatingRequest& request)
{
    std::lock_guard lock(mutex_);
    if (auto failure = takeFailure())
        return base::fail(*failure);
    requests_.push_back(request);
    return {};
}

void FakeReviewTablet::cancelImpl(const std::string& requestId)
{
    std::lock_guard lock(mutex_);
    cancelled_.push_back(requestId);
}

void FakeReviewTablet::closeImpl()
{
    FakeDevice::closeImpl();
    failPending({make_error_code(hal::errc::cancelled), "fake tablet was closed"});
}

} // namespace drivers::fake
