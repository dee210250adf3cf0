// SPDX-License-Identifier: Apache-2.0
// The staff call (呼叫工作人员): a citizen pressed help. It is shown to staff on the kiosk and
// goes out in the next heartbeat as "helpRequested" (README, Heartbeat). No personal data: the
// time and the screen's name only.
#pragma once

#include "base/clock.h"
#include "base/signal.h"
#include "kiosk/core/audit_trail.h"

#include <nlohmann/json.hpp>

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::core {

/// An open call: since when, and on which screen the citizen asked.
struct HelpRequest {
    base::Clock::TimePoint since;
    std::string screen; ///< a screen id such as "form"; "unknown" if the caller gave no token
};

/// Why a call ended.
enum class HelpCleared {
    Staff,        ///< a member of staff acknowledged it (the marker on the kiosk, kioskctl)
    SessionEnded, ///< the session ended (timeout, the citizen finished): nobody waits any more
};
[[nodiscard]] std::string_view toString(HelpCleared reason); ///< "staff" | "session_end"

/// One kiosk's staff call. A call lasts until staff acknowledge it or the session ends,
/// whichever comes first: after the session, the citizen who asked is gone, and the next one
/// must not inherit a call. Thread-safe (the GUI raises it, the heartbeat worker reports it).
class HelpCall {
public:
    /// `clock` (borrowed) stamps calls; `audit` (borrowed, may be null) records
    /// "help.requested" and "help.cleared" (with the screen and the reason, nothing else).
    explicit HelpCall(const base::Clock& clock, AuditTrail* audit = nullptr);
    HelpCall(const HelpCall&) = delete;
    HelpCall& operator=(const HelpCall&) = delete;

    /// The citizen pressed help on `screen` (1-64 of [A-Za-z0-9_.-], else "unknown" is
    /// recorded). True if this opened a call; a call already open is kept as it was, so
    /// staff see when the citizen first asked.
    bool raise(std::string_view screen);
    /// Staff acknowledged the call. False if none was open.
    bool acknowledge();
    /// The session ended (call this from the session's end, with the other wipes). False if
    /// no call was open.
    bool sessionEnded();

    /// The open call, if any (for the staff marker).
    [[nodiscard]] std::optional<HelpRequest> current() const;

    /// The heartbeat's "helpRequested" member: {"since", "screen"} while a call is open. A
    /// call cleared before any delivered heartbeat carried it goes out once after all, with
    /// "clearedAt" and "clearedBy" ("staff" | "session_end"), so the platform sees every call.
    /// std::nullopt: nothing to report (the member is left out).
    [[nodiscard]] std::optional<nlohmann::json> heartbeatMember() const;
    /// A heartbeat carrying `member` was delivered: a cleared call it reported is forgotten,
    /// an open one is remembered as seen.
    void reported(const nlohmann::json& member);

    /// The open call, or std::nullopt once cleared; emitted on the thread that changed it,
    /// after the change (no lock held).
    base::Signal<const std::optional<HelpRequest>&> changed;

private:
    struct Cleared {
        HelpRequest request;
        base::Clock::TimePoint at;
        HelpCleared by;
    };
    bool clear(HelpCleared reason);
    void audit(AuditEvent event) const;

    const base::Clock& clock_;
    AuditTrail* audit_;
    mutable std::mutex mutex_;
    std::optional<HelpRequest> open_;
    bool openReported_ = false;
    std::optional<Cleared> unreported_; ///< cleared before a heartbeat carried it
};

} // namespace kiosk::core
