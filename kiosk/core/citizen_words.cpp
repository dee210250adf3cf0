// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/citizen_words.h"

#include <array>

namespace kiosk::core::words {

std::span<const std::string_view> templates()
{
    static constexpr std::array all{
        fillIn,          phoneShape,       notRight,         dateShape, chooseListed,
        tooLong,         unknownReason,    submittedAs,      dateTime,  materialsToCounter,
        photographFirst, materialRequired, receiptNotPrinted};
    return all;
}

} // namespace kiosk::core::words
