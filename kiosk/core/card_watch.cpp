// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/card_watch.h"

namespace kiosk::core {

using namespace std::chrono_literals;

CardWatch::CardWatch(std::shared_ptr<hal::CardReader> reader, const base::Clock& clock,
                     std::chrono::milliseconds readTimeout)
    : reader_(std::move(reader)), readTimeout_(readTimeout), worker_({"card/watch"}, clock)
{
    worker_.start([this](std::stop_token) { return step(); }, base::Worker::idle);
}

CardWatch::~CardWatch()
{
    worker_.stop();
}

void CardWatch::setWatching(bool on)
{
    if (watching_.exchange(on) != on && on)
        worker_.trigger();
}

std::chrono::milliseconds CardWatch::step()
{
    if (!watching_.load() || !reader_)
        return base::Worker::idle;
    auto read = reader_->readCard(readTimeout_);
    if (!read) {
        if (lastFailure_ != read.error().code) {
            lastFailure_ = read.error().code;
            readFailed.publish(read.error());
        }
        return 1s; // a reader that is gone or failing is asked again, not hammered
    }
    lastFailure_.reset();
    if (*read)
        cardRead.publish(**read);
    // A reader waits up to the timeout itself; a short pause keeps one that answers at once
    // (the fake) from spinning.
    return 50ms;
}

} // namespace kiosk::core
