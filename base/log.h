// SPDX-License-Identifier: Apache-2.0
// Logging to the systemd journal, with a stderr fallback. Never log personal data.
#pragma once

#include <string_view>

namespace base::log {

enum class Level { Debug, Info, Warning, Error };

/// Where messages go. Auto picks the journal when the process runs under systemd
/// (JOURNAL_STREAM is set) and stderr otherwise.
enum class Sink { Auto, Journal, Stderr };

void setSink(Sink sink);
void setMinimumLevel(Level level);

/// A program's write(), handed to a driver module loaded with dlopen: the module holds its own
/// copy of base, and forwarding makes its messages follow the program's sink and level.
using Forward = void (*)(Level level, std::string_view category, std::string_view message);
/// From now on write() passes every message to `forward` (nullptr: back to this copy's sink).
void forwardTo(Forward forward);

/// Writes one message in `category` ("queue", "drivers/fake", ...). Thread-safe.
/// Personal data (ID numbers, names, form contents, frames) must never be passed here.
void write(Level level, std::string_view category, std::string_view message);

inline void debug(std::string_view category, std::string_view message)
{
    write(Level::Debug, category, message);
}
inline void info(std::string_view category, std::string_view message)
{
    write(Level::Info, category, message);
}
inline void warning(std::string_view category, std::string_view message)
{
    write(Level::Warning, category, message);
}
inline void error(std::string_view category, std::string_view message)
{
    write(Level::Error, category, message);
}

} // namespace base::log
