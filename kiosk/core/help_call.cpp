// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/help_call.h"

#include "base/log.h"

#include <algorithm>

namespace kiosk::core {

namespace {

constexpr const char* helpCallLog = "help";
constexpr std::size_t maxScreenLength = 64;

/// Screen ids come from code, but whatever reaches the heartbeat and the audit trail must be
/// a short token: anything else is recorded as "unknown".
std::string screenToken(std::string_view screen)
{
    const bool token = !screen.empty() && screen.size() <= maxScreenLength &&
                       std::ranges::all_of(screen, [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
                       });
    return token ? std::string(screen) : std::string("unknown");
}

nlohmann::json openMember(const HelpRequest& request)
{
    return {{"since", base::toRfc3339(request.since)}, {"screen", request.screen}};
}

bool sameCall(const nlohmann::json& member, const HelpRequest& request)
{
    return member.is_object() && member.value("since", "") == base::toRfc3339(request.since) &&
           member.value("screen", "") == request.screen;
}

} // namespace

std::string_view toString(HelpCleared reason)
{
    return reason == HelpCleared::Staff ? "staff" : "session_end";
}

HelpCall::HelpCall(const base::Clock& clock, AuditTrail* audit) : clock_(clock), audit_(audit) {}

bool HelpCall::raise(std::string_view screen)
{
    HelpRequest request{clock_.now(), screenToken(screen)};
    {
        std::lock_guard lock(mutex_);
        if (open_)
            return false;
        open_ = request;
        openReported_ = false;
    }
    base::log::info(helpCallLog, "a citizen asked for help on screen " + request.screen);
    audit({.event = "help.requested",
           .object = "screen " + request.screen,
           .detail = {{"screen", request.screen}}});
    changed.publish(std::optional<HelpRequest>(request));
    return true;
}

bool HelpCall::acknowledge()
{
    return clear(HelpCleared::Staff);
}

bool HelpCall::sessionEnded()
{
    return clear(HelpCleared::SessionEnded);
}

bool HelpCall::clear(HelpCleared reason)
{
    std::string screen;
    {
        std::lock_guard lock(mutex_);
        if (!open_)
            return false;
        if (!openReported_)
            unreported_ = Cleared{*open_, clock_.now(), reason};
        screen = open_->screen;
        open_.reset();
    }
    base::log::info(helpCallLog, "help call from screen " + screen +
                                     " cleared: " + std::string(toString(reason)));
    audit({.event = "help.cleared",
           .object = "screen " + screen,
           .detail = {{"screen", screen}, {"by", toString(reason)}}});
    changed.publish(std::nullopt);
    return true;
}

std::optional<HelpRequest> HelpCall::current() const
{
    std::lock_guard lock(mutex_);
    return open_;
}

std::optional<nlohmann::json> HelpCall::heartbeatMember() const
{
    std::lock_guard lock(mutex_);
    if (open_)
        return openMember(*open_);
    if (!unreported_)
        return std::nullopt;
    auto member = openMember(unreported_->request);
    member["clearedAt"] = base::toRfc3339(unreported_->at);
    member["clearedBy"] = toString(unreported_->by);
    return member;
}

void HelpCall::reported(const nlohmann::json& member)
{
    std::lock_guard lock(mutex_);
    if (open_ && sameCall(member, *open_))
        openReported_ = true;
    if (unreported_ && sameCall(member, unreported_->request))
        unreported_.reset();
}

void HelpCall::audit(AuditEvent event) const
{
    if (audit_ == nullptr)
        return;
    if (auto appended = audit_->append(std::move(event)); !appended)
        base::log::error(helpCallLog, "audit trail: " + appended.error().describe());
}

} // namespace kiosk::core
