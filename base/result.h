// SPDX-License-Identifier: Apache-2.0
// Result<T> and Error: errors are values, never exceptions across library boundaries.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <system_error>

namespace base {

/// A failed operation: a machine-readable code and a human-readable message.
/// Each layer prefixes context ("printer/escpos: paper out") with withContext().
struct Error {
    std::error_code code;
    std::string message;

    [[nodiscard]] Error withContext(std::string_view context) const
    {
        return Error{code, std::string(context) + ": " + message};
    }
    /// "message (category:value)", for logs and diagnostics.
    [[nodiscard]] std::string describe() const;
};

template <class T> using Result = std::expected<T, Error>;

/// Builds the error branch of a Result: `return base::fail(errc::timeout, "no answer");`
template <class Code> [[nodiscard]] std::unexpected<Error> fail(Code code, std::string message)
{
    return std::unexpected(Error{make_error_code(code), std::move(message)});
}

[[nodiscard]] inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected(std::move(error));
}

/// Codes shared by every layer. Modules add their own enum and category (hal::errc, queue::errc).
enum class errc {
    internal = 1,     ///< a bug: an invariant did not hold
    invalid_argument, ///< the caller passed something unusable
    parse,            ///< input could not be parsed (file, frame, body)
    io,               ///< the operating system refused a read or write
    not_found,        ///< the thing asked for does not exist
    timeout,          ///< no answer in time
    unsupported,      ///< the build or the device cannot do this
};

const std::error_category& category();
inline std::error_code make_error_code(errc e)
{
    return {static_cast<int>(e), category()};
}

/// An Error from errno after a failed system call, e.g. `fromErrno("open " + path)`.
[[nodiscard]] Error fromErrno(std::string_view what, int errnoValue);

} // namespace base

template <> struct std::is_error_code_enum<base::errc> : std::true_type {
};
