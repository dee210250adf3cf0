// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_code_scanner.h"

namespace drivers::fake {

void FakeCodeScanner::show(hal::ScannedCode code)
{
    {
        std::lock_guard lock(mutex_);
        codes_.push_back(std::move(code));
    }
    notifyChanged();
}

base::Result<std::optional<hal::ScannedCode>>
FakeCodeScanner::scanImpl(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    auto arrived = waitUntil(lock, timeout, [&] { return !codes_.empty() || failurePending(); });
    if (!arrived)
        return base::fail(arrived.error());
    if (auto failure = takeFailure())
        return base::fail(*failure);
    if (!*arrived)
        return std::optional<hal::ScannedCode>{};
    auto code = std::move(codes_.front());
    codes_.pop_front();
    return std::optional<hal::ScannedCode>{std::move(code)};
}

} // namespace drivers::fake
