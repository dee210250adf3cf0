// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/faults.h"

#include <limits>

namespace platform_sim {

namespace {
using nlohmann::json;

base::Result<void> mergeInt(const json& changes, const char* name, int& field)
{
    if (!changes.contains(name))
        return {};
    const json& value = changes.at(name);
    if (!value.is_number_integer() || value.get<long long>() < std::numeric_limits<int>::min() ||
        value.get<long long>() > std::numeric_limits<int>::max())
        return base::fail(base::errc::invalid_argument, std::string(name) + " must be an integer");
    field = value.get<int>();
    return {};
}

base::Result<void> mergeRetryAfter(const json& changes, std::string& field)
{
    if (!changes.contains("retryAfter"))
        return {};
    const json& value = changes.at("retryAfter");
    if (value.is_null())
        field.clear();
    else if (value.is_string())
        field = value.get<std::string>();
    else if (value.is_number_integer() && value.get<long long>() >= 0)
        field = std::to_string(value.get<long long>());
    else
        return base::fail(base::errc::invalid_argument,
                          "retryAfter must be seconds, an HTTP date or null");
    return {};
}

base::Result<void> mergePathPrefix(const json& changes, std::string& field)
{
    if (!changes.contains("pathPrefix"))
        return {};
    if (!changes.at("pathPrefix").is_string())
        return base::fail(base::errc::invalid_argument, "pathPrefix must be a string");
    field = changes.at("pathPrefix").get<std::string>();
    return {};
}

/// `"replaceBodies": {"<prefix>": "<body text>", ...}` replaces the whole map; {} or null
/// clears it.
base::Result<void> mergeReplaceBodies(const json& changes,
                                      std::map<std::string, std::string, std::less<>>& field)
{
    if (!changes.contains("replaceBodies"))
        return {};
    const json& value = changes.at("replaceBodies");
    if (!value.is_null() && !value.is_object())
        return base::fail(base::errc::invalid_argument,
                          "replaceBodies must be an object of path prefix -> body text");
    std::map<std::string, std::string, std::less<>> bodies;
    for (auto entry = value.begin(); value.is_object() && entry != value.end(); ++entry) {
        if (!entry->is_string())
            return base::fail(base::errc::invalid_argument,
                              "replaceBodies: each body must be a string (the body text)");
        bodies.emplace(entry.key(), entry->get<std::string>());
    }
    field = std::move(bodies);
    return {};
}

Reply injectedFailure(const Faults& faults)
{
    Reply reply = errorReply(faults.failStatus, "injected_fault",
                             "platform-sim failed this request on purpose (fault injection)");
    if (!faults.retryAfter.empty())
        reply.headers.emplace_back("Retry-After", faults.retryAfter);
    return reply;
}
} // namespace

json toJson(const Faults& faults)
{
    return {{"failNext", faults.failNext},          {"failStatus", faults.failStatus},
            {"retryAfter", faults.retryAfter},      {"pathPrefix", faults.pathPrefix},
            {"latencyMs", faults.latencyMs},        {"dropNext", faults.dropNext},
            {"replaceBodies", faults.replaceBodies}};
}

base::Result<Faults> mergeFaults(Faults current, const json& changes)
{
    if (!changes.is_object())
        return base::fail(base::errc::invalid_argument, "faults must be a JSON object");
    for (auto merged : {mergeInt(changes, "failNext", current.failNext),
                        mergeInt(changes, "failStatus", current.failStatus),
                        mergeInt(changes, "latencyMs", current.latencyMs),
                        mergeInt(changes, "dropNext", current.dropNext),
                        mergeRetryAfter(changes, current.retryAfter),
                        mergePathPrefix(changes, current.pathPrefix),
                        mergeReplaceBodies(changes, current.replaceBodies)}) {
        if (!merged)
            return base::fail(merged.error());
    }
    return checkFaults(std::move(current));
}

base::Result<Faults> checkFaults(Faults faults)
{
    if (faults.failNext < 0 || faults.dropNext < 0)
        return base::fail(base::errc::invalid_argument, "failNext and dropNext must be >= 0");
    if (faults.failStatus < 400 || faults.failStatus > 599)
        return base::fail(base::errc::invalid_argument, "failStatus must be within 400..599");
    if (faults.latencyMs < 0 || faults.latencyMs > 600'000)
        return base::fail(base::errc::invalid_argument, "latencyMs must be within 0..600000");
    if (faults.retryAfter.find_first_of("\r\n") != std::string::npos)
        return base::fail(base::errc::invalid_argument, "retryAfter must be a single line");
    return faults;
}

void replaceBody(const Faults& faults, std::string_view path, Reply& reply)
{
    const std::string* body = nullptr;
    std::size_t longest = 0;
    for (const auto& [prefix, text] : faults.replaceBodies)
        if (path.starts_with(prefix) && (body == nullptr || prefix.size() > longest)) {
            body = &text;
            longest = prefix.size();
        }
    if (body == nullptr || reply.status == 304 || reply.status == 204)
        return;
    reply.body = *body;
    reply.contentType = "application/json";
    std::erase_if(reply.headers, [](const auto& header) {
        return header.first == "ETag" || header.first == "X-Document-Id";
    });
}

void FaultInjector::replaceBody(std::string_view path, Reply& reply) const
{
    std::lock_guard lock(mutex_);
    platform_sim::replaceBody(faults_, path, reply);
}

void FaultInjector::set(Faults faults)
{
    std::lock_guard lock(mutex_);
    faults_ = std::move(faults);
}

base::Result<Faults> FaultInjector::merge(const json& changes)
{
    std::lock_guard lock(mutex_);
    auto merged = mergeFaults(faults_, changes);
    if (merged)
        faults_ = *merged;
    return merged;
}

Faults FaultInjector::get() const
{
    std::lock_guard lock(mutex_);
    return faults_;
}

std::chrono::milliseconds FaultInjector::latency() const
{
    std::lock_guard lock(mutex_);
    return std::chrono::milliseconds(faults_.latencyMs);
}

FaultDecision FaultInjector::take(std::string_view path)
{
    std::lock_guard lock(mutex_);
    if (!path.starts_with(faults_.pathPrefix))
        return {};
    if (faults_.failNext > 0) {
        --faults_.failNext;
        return {injectedFailure(faults_), false};
    }
    if (faults_.dropNext > 0) {
        --faults_.dropNext;
        return {std::nullopt, true};
    }
    return {};
}

} // namespace platform_sim
