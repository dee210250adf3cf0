// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/slot_update.h"

#include "base/json_reader.h"
#include "base/log.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>
#include <sys/statvfs.h>

namespace kiosk::core {

namespace {
constexpr std::string_view slotUpdateLog = "core/slot";
constexpr std::string_view bundleName = "update.raucb";

/// slot_status.activated.timestamp of one slot's object, "" when it was never activated.
std::string activatedAt(const nlohmann::json& slot)
{
    const auto status = slot.find("slot_status");
    if (status == slot.end() || !status->is_object())
        return {};
    const auto activated = status->find("activated");
    if (activated == status->end() || !activated->is_object())
        return {};
    const auto timestamp = activated->find("timestamp");
    return timestamp != activated->end() && timestamp->is_string() ? timestamp->get<std::string>()
                                                                   : std::string();
}

std::string bootnameOf(const nlohmann::json& slot)
{
    const auto name = slot.find("bootname");
    return name != slot.end() && name->is_string() ? name->get<std::string>() : std::string();
}

std::string failedFacts(const HealthFacts& facts)
{
    std::string failed;
    const auto add = [&failed](bool holds, std::string_view what) {
        if (!holds)
            failed += (failed.empty() ? "" : ", ") + std::string(what);
    };
    add(facts.uiUp, "the UI did not come up");
    add(facts.queueOpened, "the queue did not open");
    add(facts.configValid, "the configuration is not valid");
    return failed;
}

bool isSha256Hex(const std::string& text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
           });
}

std::string lowerCase(std::string text)
{
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

/// rauc's answer as a Result: an error unless it exited with 0.
base::Result<CommandOutput> rauc(const SystemCommand& run, std::vector<std::string> args)
{
    args.insert(args.begin(), "rauc");
    auto done = run(args);
    if (!done)
        return base::fail(done.error());
    if (done->exitCode != 0)
        return base::fail(base::errc::io, "rauc " + args[1] + " failed (exit " +
                                              std::to_string(done->exitCode) +
                                              "): " + lastLine(done->output));
    return done;
}
} // namespace

SystemCommand raucWhenConfigured(SystemCommand run, std::filesystem::path systemConf)
{
    return [run = std::move(run), conf = std::move(systemConf)](
               const std::vector<std::string>& argv) -> base::Result<CommandOutput> {
        std::error_code error;
        if (!argv.empty() && argv.front() == "rauc" && !std::filesystem::exists(conf, error))
            return base::fail(base::errc::not_found,
                              "rauc: not configured (no " + conf.string() + ")");
        return run(argv);
    };
}

base::Result<SlotStatus> parseRaucStatus(std::string_view json)
{
    auto document = base::json::parseObject(json);
    if (!document)
        return base::fail(document.error());
    const base::json::Reader status(*document, "rauc status");
    auto booted = status.token("booted");
    if (!booted)
        return base::fail(booted.error());
    auto slots = status.array("slots");
    if (!slots)
        return base::fail(slots.error());
    // the slot's name ("rootfs.1") the bootloader boots next; absent in older rauc versions
    const auto primary = document->value("boot_primary", nlohmann::json()).is_string()
                             ? (*document)["boot_primary"].get<std::string>()
                             : std::string();
    std::string bootedAt;
    std::string latestAt;
    std::string latestName;
    std::string latestSlot;
    std::string primaryName;
    std::string primaryAt;
    for (const auto& entry : *slots) {
        if (!entry.value().is_object())
            return base::fail(entry.error("expected an object"));
        for (const auto& [name, slot] : entry.value().items()) {
            if (!slot.is_object())
                continue;
            const auto at = activatedAt(slot);
            if (bootnameOf(slot) == *booted)
                bootedAt = at;
            if (!primary.empty() && name == primary) {
                primaryName = bootnameOf(slot);
                primaryAt = at;
            }
            if (!at.empty() && at > latestAt) { // RFC 3339 UTC: ordered as text
                latestAt = at;
                latestName = bootnameOf(slot);
                latestSlot = name;
            }
        }
    }
    // Nothing ever activated (the factory slot): no update, no rollback. Installed and still
    // the primary: not booted yet, no rollback either.
    const bool rolledBack =
        !latestAt.empty() && latestName != *booted && latestAt > bootedAt && latestSlot != primary;
    return SlotStatus{*booted, rolledBack, primaryName, primaryAt};
}

std::string bootTime(const base::Clock& clock)
{
    auto at = clock.now();
    std::ifstream stat("/proc/stat");
    std::string key;
    long long btime = 0;
    while (stat >> key)
        if (key == "btime" && stat >> btime) {
            at = std::chrono::system_clock::time_point(std::chrono::seconds(btime));
            break;
        }
    // UTC with a Z, as rauc writes activation times, so that the two compare as text
    const auto whole = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    gmtime_r(&whole, &utc);
    char text[32] = {};
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

base::Result<void> markBootedSlot(const SystemCommand& run, const HealthFacts& facts)
{
    const auto failed = failedFacts(facts);
    const std::string verdict = failed.empty() ? "mark-good" : "mark-bad";
    auto done = rauc(run, {"status", verdict, "booted"});
    if (!done && done.error().code == base::errc::not_found)
        return {}; // no rauc: not an A/B system (development machine, tests)
    if (!done)
        return base::fail(done.error());
    if (failed.empty())
        base::log::info(slotUpdateLog, "health check passed: booted slot marked good");
    else
        base::log::error(slotUpdateLog, "health check failed (" + failed +
                                            "): booted slot marked bad, the next boot falls back "
                                            "to the other slot");
    return {};
}

SlotMonitor::SlotMonitor(SystemCommand run, const base::Clock& clock, std::function<void()> changed,
                         std::optional<InstalledUpdateWatch> watch)
    : run_(std::move(run)), changed_(std::move(changed)), watch_(std::move(watch)),
      worker_({std::string(slotUpdateLog)}, clock)
{
    worker_.start([this](std::stop_token) { return step(); }, base::Worker::idle);
}

SlotMonitor::~SlotMonitor()
{
    stop();
}

void SlotMonitor::healthChecked(HealthFacts facts)
{
    {
        std::lock_guard lock(mutex_);
        verdict_ = facts;
        refresh_ = true;
    }
    worker_.trigger();
}

void SlotMonitor::refresh()
{
    {
        std::lock_guard lock(mutex_);
        refresh_ = true;
    }
    worker_.trigger();
}

std::optional<nlohmann::json> SlotMonitor::heartbeatMember() const
{
    std::lock_guard lock(mutex_);
    if (!status_)
        return std::nullopt;
    return nlohmann::json{{"booted", status_->booted}, {"rolledBack", status_->rolledBack}};
}

bool SlotMonitor::settled() const
{
    std::lock_guard lock(mutex_);
    return !verdict_ && !refresh_ && !busy_;
}

void SlotMonitor::stop()
{
    worker_.stop();
}

std::chrono::milliseconds SlotMonitor::step()
{
    // With a watch every step reads the status: the worker wakes every watch_->every.
    const auto next = watch_ ? watch_->every : base::Worker::idle;
    std::optional<HealthFacts> verdict;
    {
        std::lock_guard lock(mutex_);
        if (!verdict_ && !refresh_ && !watch_)
            return base::Worker::idle;
        verdict = std::exchange(verdict_, std::nullopt);
        refresh_ = false;
        busy_ = true;
    }
    if (verdict) {
        auto marked = markBootedSlot(run_, *verdict);
        if (!marked)
            base::log::error(slotUpdateLog, "health check: " + marked.error().describe());
        std::lock_guard lock(mutex_);
        committed_ = committed_ || (marked && failedFacts(*verdict).empty());
    }
    std::optional<SlotStatus> status;
    if (auto read = rauc(run_, {"status", "--detailed", "--output-format=json"})) {
        if (auto parsed = parseRaucStatus(read->output))
            status = *parsed;
        else
            base::log::warning(slotUpdateLog, "rauc status: " + parsed.error().describe());
    } else if (read.error().code != base::errc::not_found) {
        base::log::warning(slotUpdateLog, read.error().describe());
    }
    bool differs = false;
    bool due = false;
    {
        std::lock_guard lock(mutex_);
        differs = status && status != status_;
        // a failed read (rauc busy installing refuses status calls) keeps the last status
        if (status)
            status_ = status;
        due = status && rebootDue(*status);
        rebootAsked_ = rebootAsked_ || due;
    }
    if (differs && changed_)
        changed_(); // unlocked: it may read heartbeatMember()
    if (due) {
        base::log::warning(slotUpdateLog, "an update installed into slot " + status->primary +
                                              " waits for its reboot (booted: " + status->booted +
                                              ")");
        watch_->rebootDue(); // unlocked: it goes to the reboot scheduler
    }
    std::lock_guard lock(mutex_);
    busy_ = false;
    return next;
}

bool SlotMonitor::rebootDue(const SlotStatus& status) const
{
    return watch_ && watch_->rebootDue && committed_ && !rebootAsked_ && !status.primary.empty() &&
           status.primary != status.booted && status.primaryActivated >= watch_->bootedSince;
}

SlotUpdater::SlotUpdater(UpdateOptions options, UpdateHooks hooks)
    : options_(std::move(options)), hooks_(std::move(hooks))
{
}

base::Result<std::string> SlotUpdater::apply(const RemoteCommand& command)
{
    const base::json::Reader args(command.args, "args");
    auto url = args.string("url", 2048);
    if (!url)
        return base::fail(url.error());
    auto sha256 = args.token("sha256", 64);
    if (!sha256)
        return base::fail(sha256.error());
    const auto expected = lowerCase(*sha256);
    if (!isSha256Hex(expected))
        return base::fail(base::errc::invalid_argument, "args.sha256: expected 64 hex digits");
    if (hooks_.sessionActive && hooks_.sessionActive())
        return base::fail(base::errc::unsupported,
                          "a citizen is being served: update refused, send it again later");
    // rauc first: no point in fetching hundreds of MB a kiosk without rauc cannot install.
    if (auto version = rauc(hooks_.run, {"--version"}); !version)
        return base::fail(version.error().code == base::errc::not_found
                              ? base::Error{base::errc::unsupported,
                                            "this kiosk has no rauc: it cannot install updates"}
                              : version.error());
    auto limit = allowedBytes();
    if (!limit)
        return base::fail(limit.error());
    const auto bundle = options_.dir / bundleName;
    base::log::info(slotUpdateLog, "update " + command.id + ": downloading the bundle");
    auto got = hooks_.download(*url, bundle, *limit, stop_.get_token());
    if (!got)
        return base::fail(got.error());
    if (got->sha256 != expected) {
        std::error_code ignored;
        std::filesystem::remove(bundle, ignored);
        return base::fail(base::errc::invalid_argument,
                          "the bundle's SHA-256 is not the one given; not installed");
    }
    return install(command.id, bundle);
}

base::Result<std::uint64_t> SlotUpdater::allowedBytes() const
{
    std::error_code error;
    std::filesystem::create_directories(options_.dir, error);
    if (error)
        return base::fail(base::errc::io,
                          "cannot create " + options_.dir.string() + ": " + error.message());
    struct statvfs space {};
    if (::statvfs(options_.dir.c_str(), &space) != 0)
        return base::fail(base::fromErrno("statvfs " + options_.dir.string(), errno));
    const std::uint64_t available = std::uint64_t(space.f_bavail) * space.f_frsize;
    if (available <= options_.keepFree)
        return base::fail(base::errc::io, "no room for a bundle on the data partition");
    return std::min(options_.maxBytes, available - options_.keepFree);
}

base::Result<std::string> SlotUpdater::install(const std::string& commandId,
                                               const std::filesystem::path& bundle)
{
    base::log::warning(slotUpdateLog, "update " + commandId + ": installing into the other slot");
    auto installed = rauc(hooks_.run, {"install", bundle.string()});
    std::error_code ignored;
    std::filesystem::remove(bundle, ignored); // installed or not, it is not needed any more
    if (hooks_.installed)
        hooks_.installed();
    if (!installed)
        return base::fail(installed.error());
    std::string detail = "installed into the other slot";
    if (!hooks_.reboot)
        return detail + "; it boots with the next restart";
    auto reboot = hooks_.reboot(commandId);
    if (!reboot)
        return detail + "; reboot refused: " + reboot.error().message;
    return detail + "; " + *reboot;
}

} // namespace kiosk::core
