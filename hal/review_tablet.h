// SPDX-License-Identifier: Apache-2.0
// hal::ReviewTablet: the 好差评 rating device on which the citizen rates a service.
#pragma once

#include "hal/device.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace hal {

struct RatingRequest {
    std::string itemName;                 ///< shown to the citizen on the tablet
    std::vector<std::string> reasonCodes; ///< the catalog's reasons, offered for levels 1-2
};

struct Rating {
    int level = 0;                    ///< 5 非常满意 ... 1 非常不满意
    std::vector<std::string> reasons; ///< at least one for levels 1 and 2
    std::string comment;
};

class ReviewTablet : public Device {
public:
    /// Shows the rating prompt and waits up to `timeout` for the citizen's rating.
    /// std::nullopt: the citizen did not rate in time, a normal outcome.
    [[nodiscard]] base::Result<std::optional<Rating>>
    requestRating(const RatingRequest& request, std::chrono::milliseconds timeout);

protected:
    ReviewTablet(std::string backend, std::string model)
        : Device(DeviceClass::ReviewTablet, std::move(backend), std::move(model))
    {
    }
    virtual base::Result<std::optional<Rating>>
    requestRatingImpl(const RatingRequest& request, std::chrono::milliseconds timeout) = 0;
};

} // namespace hal
