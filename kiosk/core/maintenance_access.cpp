// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/maintenance_access.h"

#include "base/durable_file.h"
#include "base/json_reader.h"
#include "base/log.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::core {

namespace {

namespace fs = std::filesystem;
constexpr std::string_view maintenanceAccessLog = "maintenance";
constexpr std::string_view actor = "technician";

std::int64_t unixSeconds(base::Clock::TimePoint time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

} // namespace

base::Result<std::unique_ptr<MaintenanceAccess>> MaintenanceAccess::open(const fs::path& dataDir,
                                                                         MaintenanceOptions options,
                                                                         AuditTrail* audit,
                                                                         const base::Clock& clock)
{
    const fs::path dir = dataDir / "maintenance";
    std::error_code error;
    fs::create_directories(dir, error);
    if (error)
        return base::fail(base::errc::io, "cannot create " + dir.string() + ": " + error.message());
    fs::permissions(dir, fs::perms::owner_all, error); // the lock is no one else's business
    std::unique_ptr<MaintenanceAccess> access(
        new MaintenanceAccess(dir / "access.json", std::move(options), audit, clock));
    if (auto loaded = access->load(); !loaded) {
        // Fail closed: a state that cannot be read must not become a fresh count of five.
        base::log::error(maintenanceAccessLog,
                         loaded.error().describe() + "; locked as a precaution");
        access->lockedUntil_ = clock.now() + access->options_.lockout;
        access->record({.actor = std::string(actor),
                        .event = "maintenance.locked",
                        .object = "totp",
                        .result = "error",
                        .detail = {{"reason", "unreadable_state"}},
                        .durable = true});
        access->save();
    }
    if (audit == nullptr)
        base::log::warning(maintenanceAccessLog,
                           "no audit trail: maintenance access is not recorded");
    return access;
}

MaintenanceAccess::MaintenanceAccess(fs::path stateFile, MaintenanceOptions options,
                                     AuditTrail* audit, const base::Clock& clock)
    : stateFile_(std::move(stateFile)), options_(std::move(options)), audit_(audit), clock_(clock)
{
}

MaintenanceAccess::~MaintenanceAccess()
{
    if (active_)
        logout("shutdown");
}

base::Result<void> MaintenanceAccess::load()
{
    std::ifstream in(stateFile_, std::ios::binary);
    if (!in)
        return {}; // never locked, never used
    std::ostringstream text;
    text << in.rdbuf();
    auto json = base::json::parse(text.str());
    if (!json)
        return base::fail(base::errc::parse, stateFile_.string() + ": " + json.error().message);
    const base::json::Reader reader(*json, "access.json");
    auto failures = reader.integer("failures");
    auto lockedUntil = reader.integer("lockedUntil");
    auto lastStep = reader.integer("lastStep");
    if (!failures || !lockedUntil || !lastStep || *failures < 0 || *lastStep < 0)
        return base::fail(base::errc::parse, stateFile_.string() + ": not a lock state");
    failures_ = static_cast<int>(*failures);
    if (*lockedUntil > 0) {
        const auto until = base::Clock::TimePoint(std::chrono::seconds(*lockedUntil));
        // A wall clock set back (NTP after a dead RTC battery) does not stretch the lock.
        lockedUntil_ = std::min(until, clock_.now() + options_.lockout);
    }
    lastStep_ = static_cast<std::uint64_t>(*lastStep);
    return {};
}

void MaintenanceAccess::save()
{
    const nlohmann::json state{{"failures", failures_},
                               {"lockedUntil", lockedUntil_ ? unixSeconds(*lockedUntil_) : 0},
                               {"lastStep", lastStep_}};
    // Durably: the lock state is the old one or the new one after a power cut, never half.
    if (auto written = base::replaceFile(stateFile_, state.dump() + "\n"); !written)
        base::log::error(maintenanceAccessLog,
                         "lock state not saved: " + written.error().describe());
}

void MaintenanceAccess::record(AuditEvent event)
{
    if (audit_ == nullptr)
        return;
    if (event.actor.empty())
        event.actor = std::string(actor);
    if (auto appended = audit_->append(std::move(event)); !appended)
        base::log::error(maintenanceAccessLog, "audit trail: " + appended.error().describe());
}

void MaintenanceAccess::requested()
{
    record({.event = "maintenance.requested", .object = "totp"});
}

void MaintenanceAccess::cancelled()
{
    record({.event = "maintenance.cancelled", .object = "totp"});
}

std::optional<std::chrono::seconds> MaintenanceAccess::lockedFor() const
{
    if (!lockedUntil_)
        return std::nullopt;
    const auto left = *lockedUntil_ - clock_.now();
    if (left <= base::Clock::TimePoint::duration::zero())
        return std::nullopt;
    return std::chrono::ceil<std::chrono::seconds>(left);
}

CodeResult MaintenanceAccess::refuse(std::string_view reason)
{
    ++failures_;
    const int left = std::max(0, options_.maxFailures - failures_);
    record({.event = "maintenance.failed",
            .object = "totp",
            .result = "refused",
            .detail = {{"reason", std::string(reason)}, {"failures", failures_}},
            .durable = true});
    if (left > 0) {
        save();
        return {.outcome = CodeResult::Outcome::Wrong, .attemptsLeft = left};
    }
    lockedUntil_ = clock_.now() + options_.lockout;
    failures_ = 0; // the next count starts after the lock
    save();
    record({.event = "maintenance.locked",
            .object = "totp",
            .result = "locked",
            .detail = {{"until", auditTime(*lockedUntil_)}, {"minutes", options_.lockout.count()}},
            .durable = true});
    return {.outcome = CodeResult::Outcome::Locked,
            .lockedFor = std::chrono::duration_cast<std::chrono::seconds>(options_.lockout)};
}

CodeResult MaintenanceAccess::submitCode(std::string_view code)
{
    if (!available()) {
        record({.event = "maintenance.failed", .object = "totp", .result = "unavailable"});
        return {.outcome = CodeResult::Outcome::Unavailable};
    }
    if (auto left = lockedFor()) {
        // Not checked, not counted: guessing during the lock learns nothing.
        record({.event = "maintenance.failed",
                .object = "totp",
                .result = "locked",
                .detail = {{"secondsLeft", left->count()}}});
        return {.outcome = CodeResult::Outcome::Locked, .lockedFor = *left};
    }
    lockedUntil_.reset();
    const auto step = matchTotp(options_.secret, code, clock_.now(), options_.totp);
    if (!step)
        return refuse(code.size() == static_cast<std::size_t>(options_.totp.digits) ? "wrong_code"
                                                                                    : "malformed");
    if (*step <= lastStep_)
        return refuse("reused"); // seen at this kiosk already: one-time means once
    lastStep_ = *step;
    failures_ = 0;
    save();
    active_ = true;
    lastTouch_ = clock_.steadyNow();
    record({.event = "maintenance.login", .object = "totp", .durable = true});
    return {.outcome = CodeResult::Outcome::Granted, .attemptsLeft = options_.maxFailures};
}

void MaintenanceAccess::touched()
{
    if (active_)
        lastTouch_ = clock_.steadyNow();
}

bool MaintenanceAccess::endIfIdle()
{
    if (!active_ || clock_.steadyNow() - lastTouch_ < options_.idleLimit)
        return false;
    logout("idle");
    return true;
}

void MaintenanceAccess::logout(std::string_view why)
{
    if (!active_)
        return;
    active_ = false;
    record({.event = "maintenance.logout", .object = std::string(why), .durable = true});
}

MaintenanceSnapshot MaintenanceAccess::snapshot() const
{
    MaintenanceSnapshot shown;
    if (!active_)
        return shown;
    if (services_.devices)
        shown.devices = services_.devices();
    if (services_.queueCounts)
        if (auto counts = services_.queueCounts())
            shown.queue = *counts;
    if (services_.catalogVersion)
        shown.catalogVersion = services_.catalogVersion();
    if (services_.linkState)
        shown.linkState = services_.linkState();
    return shown;
}

base::Result<void> MaintenanceAccess::requireActive(std::string_view action)
{
    if (active_)
        return {};
    record({.event = "maintenance.action", .object = std::string(action), .result = "refused"});
    return base::fail(base::errc::invalid_argument, "maintenance is not open");
}

base::Result<PendingMaintenanceAction> MaintenanceAccess::beginAction(std::string_view id)
{
    if (auto open = requireActive(id); !open)
        return base::fail(open.error());
    lastTouch_ = clock_.steadyNow();
    if (id == "retry_dead_letters") {
        auto retry = services_.retryDeadLetters;
        return PendingMaintenanceAction{
            std::string(id), [retry]() -> base::Result<MaintenanceActionOutcome> {
                if (!retry)
                    return base::fail(base::errc::unsupported, "the queue is not open");
                auto retried = retry();
                if (!retried)
                    return base::fail(retried.error());
                return MaintenanceActionOutcome{"已重新排队 " + std::to_string(*retried) +
                                                    " 条失败记录",
                                                {{"count", *retried}}};
            }};
    }
    for (const auto& diagnostic : services_.diagnostics)
        if (diagnostic.id == id)
            return PendingMaintenanceAction{
                diagnostic.id, [run = diagnostic.run]() -> base::Result<MaintenanceActionOutcome> {
                    auto text = run();
                    if (!text)
                        return base::fail(text.error());
                    return MaintenanceActionOutcome{*text};
                }};
    record({.event = "maintenance.action", .object = std::string(id), .result = "unknown"});
    return base::fail(base::errc::not_found, "no such action");
}

void MaintenanceAccess::finishAction(std::string_view id,
                                     const base::Result<MaintenanceActionOutcome>& outcome)
{
    AuditEvent event{.event = "maintenance.action", .object = std::string(id)};
    if (outcome) {
        event.detail = outcome->detail;
    } else {
        event.result = "error";
        event.detail["reason"] = outcome.error().message;
    }
    record(std::move(event));
}

base::Result<std::int64_t> MaintenanceAccess::retryDeadLetters()
{
    auto pending = beginAction("retry_dead_letters");
    if (!pending)
        return base::fail(pending.error());
    auto outcome = pending->work();
    finishAction(pending->id, outcome);
    if (!outcome)
        return base::fail(outcome.error());
    return outcome->detail.value("count", std::int64_t{0});
}

base::Result<std::string> MaintenanceAccess::runDiagnostic(std::string_view id)
{
    if (id == "retry_dead_letters")
        return base::fail(base::errc::invalid_argument, "not a diagnostic");
    auto pending = beginAction(id);
    if (!pending)
        return base::fail(pending.error());
    auto outcome = pending->work();
    finishAction(pending->id, outcome);
    if (!outcome)
        return base::fail(outcome.error());
    return outcome->text;
}

base::Result<std::vector<std::uint8_t>> loadTotpSecret(const fs::path& file)
{
    const std::string where = "'maintenance.totp_secret_file' (" + file.string() + "): ";
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0)
        return base::fail(ConfigErrc::unreadable, where + std::strerror(errno));
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return base::fail(ConfigErrc::bad_value,
                          where + "readable by others; it must be the owner's only (chmod 600)");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return base::fail(ConfigErrc::unreadable, where + "cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    auto secret = decodeBase32(text.str());
    if (!secret)
        return base::fail(ConfigErrc::bad_value, where + secret.error().message);
    if (secret->size() < 16)
        return base::fail(ConfigErrc::bad_value,
                          where + "the secret is shorter than 16 bytes (RFC 4226: 128 bits)");
    return secret;
}

base::Result<MaintenanceOptions> maintenanceOptions(const Config& config)
{
    MaintenanceOptions options;
    if (!config.maintenance.totpSecretFile)
        return options;
    auto secret = loadTotpSecret(*config.maintenance.totpSecretFile);
    if (!secret)
        return base::fail(secret.error());
    options.secret = std::move(*secret);
    return options;
}

} // namespace kiosk::core
