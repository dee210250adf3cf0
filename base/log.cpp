// SPDX-License-Identifier: Apache-2.0
#include "base/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#ifdef KIOSK_HAVE_SYSTEMD
#include <syslog.h>
#include <systemd/sd-journal.h>
#endif

namespace base::log {

namespace {
std::atomic<Sink> sink{Sink::Auto};
std::atomic<Level> minimumLevel{Level::Info};
std::mutex stderrMutex;
std::atomic<Forward> forwarded{nullptr};

const char* levelName(Level level)
{
    switch (level) {
    case Level::Debug:
        return "debug";
    case Level::Info:
        return "info";
    case Level::Warning:
        return "warning";
    case Level::Error:
        return "error";
    }
    return "?";
}

bool useJournal()
{
#ifdef KIOSK_HAVE_SYSTEMD
    switch (sink.load()) {
    case Sink::Journal:
        return true;
    case Sink::Stderr:
        return false;
    case Sink::Auto:
        return std::getenv("JOURNAL_STREAM") != nullptr;
    }
#endif
    return false;
}

#ifdef KIOSK_HAVE_SYSTEMD
int syslogPriority(Level level)
{
    switch (level) {
    case Level::Debug:
        return LOG_DEBUG;
    case Level::Info:
        return LOG_INFO;
    case Level::Warning:
        return LOG_WARNING;
    case Level::Error:
        return LOG_ERR;
    }
    return LOG_INFO;
}
#endif
} // namespace

void setSink(Sink newSink)
{
    sink = newSink;
}

void setMinimumLevel(Level level)
{
    minimumLevel = level;
}

void forwardTo(Forward forward)
{
    forwarded = forward;
}

void write(Level level, std::string_view category, std::string_view message)
{
    if (const auto forward = forwarded.load()) {
        forward(level, category, message);
        return;
    }
    if (level < minimumLevel.load())
        return;
#ifdef KIOSK_HAVE_SYSTEMD
    if (useJournal()) {
        const std::string text(message);
        const std::string cat(category);
        // Structured fields let `journalctl KIOSK_CATEGORY=queue` filter one subsystem.
        if (sd_journal_send("MESSAGE=%s", text.c_str(), "PRIORITY=%d", syslogPriority(level),
                            "KIOSK_CATEGORY=%s", cat.c_str(), nullptr) >= 0)
            return;
    }
#else
    (void)useJournal;
#endif
    std::lock_guard lock(stderrMutex);
    std::fprintf(stderr, "[%s] %.*s: %.*s\n", levelName(level), static_cast<int>(category.size()),
                 category.data(), static_cast<int>(message.size()), message.data());
}

} // namespace base::log
