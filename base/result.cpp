// SPDX-License-Identifier: Apache-2.0
#include "base/result.h"

#include <cstring>

namespace base {

namespace {
class BaseCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "base"; }
    std::string message(int value) const override
    {
        switch (static_cast<errc>(value)) {
        case errc::internal:
            return "internal error";
        case errc::invalid_argument:
            return "invalid argument";
        case errc::parse:
            return "parse error";
        case errc::io:
            return "input/output error";
        case errc::not_found:
            return "not found";
        case errc::timeout:
            return "timed out";
        case errc::unsupported:
            return "not supported";
        }
        return "unknown base error";
    }
};
} // namespace

const std::error_category& category()
{
    static const BaseCategory instance;
    return instance;
}

std::string Error::describe() const
{
    return message + " (" + code.category().name() + ":" + std::to_string(code.value()) + ")";
}

Error fromErrno(std::string_view what, int errnoValue)
{
    return Error{std::error_code(errnoValue, std::generic_category()),
                 std::string(what) + ": " + std::strerror(errnoValue)};
}

} // namespace base
