// SPDX-License-Identifier: Apache-2.0
// kioskctl queue list|show|retry|retry-dead|purge-delivered|drain: the offline queue, for
// technicians. Nothing printed holds personal data: only identifiers, states and reasons.
#include "base/clock.h"
#include "kiosk/core/audit_sources.h"
#include "kiosk/core/config.h"
#include "kiosk/core/platform_link.h"
#include "kiosk/ctl/commands.h"
#include "kiosk/ctl/kiosk_files.h"
#include "offline_queue/curl_uplink.h"
#include "offline_queue/store.h"
#include "offline_queue/sync_loop.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <iomanip>
#include <iostream>

namespace kiosk::ctl {

namespace {

struct QueueOptions {
    std::string config = core::defaultConfigPath().string();
    bool json = false;
    std::int64_t id = 0;
    double waitSeconds = 60;
};

nlohmann::json recordJson(const queue::RecordSummary& record)
{
    return {{"id", record.id},
            {"kind", queue::toString(record.kind)},
            {"state", queue::toString(record.state)},
            {"key", record.idempotencyKey},
            {"submissionId", record.submissionId},
            {"itemCode", record.itemCode},
            {"attempts", record.attempts},
            {"lastError", record.lastError},
            {"caseNo", record.caseNo},
            {"createdAt", record.createdAt},
            {"deliveredAt", record.deliveredAt}};
}

void printTable(const std::vector<queue::RecordSummary>& records)
{
    std::cout << std::left << std::setw(6) << "ID" << std::setw(11) << "KIND" << std::setw(12)
              << "STATE" << std::setw(9) << "TRIES" << std::setw(27) << "CREATED"
              << "CASE / LAST ERROR\n";
    for (const auto& r : records)
        std::cout << std::left << std::setw(6) << r.id << std::setw(11) << queue::toString(r.kind)
                  << std::setw(12) << queue::toString(r.state) << std::setw(9) << r.attempts
                  << std::setw(27) << r.createdAt << (r.caseNo.empty() ? r.lastError : r.caseNo)
                  << "\n";
}

/// Loads the configuration and opens the queue, or prints why not (the exit code in `failed`).
std::unique_ptr<queue::Store> openStore(const QueueOptions& options, int& failed)
{
    auto config = core::loadConfig(options.config);
    if (!config) {
        failed = printError(config.error(), options.json, BadUsage);
        return nullptr;
    }
    auto store = core::openQueue(*config);
    if (!store) {
        failed = printError(store.error(), options.json);
        return nullptr;
    }
    return std::move(*store);
}

int runList(const QueueOptions& options)
{
    int failed = Failed;
    auto store = openStore(options, failed);
    if (!store)
        return failed;
    auto records = store->list();
    if (!records)
        return printError(records.error(), options.json);
    if (options.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& record : *records)
            list.push_back(recordJson(record));
        printJson(list);
    } else {
        printTable(*records);
    }
    return Ok;
}

int runShow(const QueueOptions& options)
{
    int failed = Failed;
    auto store = openStore(options, failed);
    if (!store)
        return failed;
    auto detail = store->show(options.id);
    if (!detail)
        return printError(detail.error(), options.json);
    auto json = recordJson(detail->summary);
    json["sealedBytes"] = detail->sealedBytes;
    json["nextAttemptAt"] = detail->nextAttemptAt;
    json["settledAt"] = detail->settledAt;
    if (options.json) {
        printJson(json);
        return Ok;
    }
    for (const auto& [key, value] : json.items())
        std::cout << std::left << std::setw(15) << key
                  << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
    return Ok;
}

/// Runs one change on the queue and reports {"<what>": count}.
int runChange(const QueueOptions& options, const std::string& what,
              const std::function<base::Result<std::int64_t>(queue::Store&)>& change)
{
    int failed = Failed;
    auto store = openStore(options, failed);
    if (!store)
        return failed;
    // The change is recorded in the audit trail (the store's signal, as in the kiosk).
    std::unique_ptr<core::AuditTrail> audit;
    base::Connection audited;
    if (auto config = core::loadConfig(options.config); config && (audit = openAudit(*config)))
        audited = core::auditQueueChanges(*store, *audit);
    auto changed = change(*store);
    if (!changed)
        return printError(changed.error(), options.json);
    if (options.json)
        printJson({{what, *changed}});
    else
        std::cout << what << ": " << *changed << "\n";
    return Ok;
}

int runDrain(const QueueOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);
    auto store = core::openQueue(*config);
    if (!store)
        return printError(store.error(), options.json);
    auto uplink = queue::CurlUplink::create(core::uplinkOptions(*config));
    if (!uplink)
        return printError(uplink.error(), options.json, BadUsage);
    auto before = (*store)->counts();
    if (!before)
        return printError(before.error(), options.json);
    const auto audit = openAudit(*config);
    base::Connection audited;
    if (audit)
        audited = core::auditQueueChanges(**store, *audit);

    const auto& clock = base::systemClock();
    queue::SyncLoop sync(**store, **uplink, clock, {});
    sync.start();
    const auto deadline = clock.deadlineIn(std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(options.waitSeconds)));
    auto counts = before;
    while (counts && counts->pending > 0 && clock.steadyNow() < deadline) {
        (void)clock.sleepFor(std::chrono::milliseconds(100));
        counts = (*store)->counts();
        if (counts)
            drawProgress("draining", before->pending - counts->pending, before->pending);
    }
    sync.stop();
    counts = (*store)->counts();
    if (!counts)
        return printError(counts.error(), options.json);
    const nlohmann::json result{{"delivered", counts->delivered - before->delivered},
                                {"pending", counts->pending},
                                {"deadLetter", counts->deadLetter}};
    if (options.json)
        printJson(result);
    else
        std::cout << "delivered " << result["delivered"] << ", pending " << result["pending"]
                  << ", dead letters " << result["deadLetter"] << "\n";
    return Ok;
}

} // namespace

void addQueueCommand(CLI::App& app, int& exitCode)
{
    auto* queueCommand = app.add_subcommand("queue", "Inspect and operate the offline queue");
    queueCommand->require_subcommand(1);

    auto options = std::make_shared<QueueOptions>();
    auto common = [&options](CLI::App* command) {
        command->add_option("--config", options->config, "Configuration file")
            ->capture_default_str();
        command->add_flag("--json", options->json, "Print JSON");
    };
    auto* list = queueCommand->add_subcommand(
        "list", "List every record: kind, state, attempts, case number");
    common(list);
    list->callback([options, &exitCode] { exitCode = runList(*options); });

    auto* show = queueCommand->add_subcommand("show", "One record in detail (no personal data)");
    show->add_option("id", options->id, "Record id (from queue list)")->required();
    common(show);
    show->callback([options, &exitCode] { exitCode = runShow(*options); });

    auto* retry = queueCommand->add_subcommand("retry", "Send one dead letter again");
    retry->add_option("id", options->id, "Record id (a dead letter)")->required();
    common(retry);
    retry->callback([options, &exitCode] {
        exitCode = runChange(*options, "retried", [&](queue::Store& store) {
            auto done = store.retry(options->id);
            return done ? base::Result<std::int64_t>(1) : base::fail(done.error());
        });
    });

    auto* retryDead = queueCommand->add_subcommand("retry-dead", "Send every dead letter again");
    common(retryDead);
    retryDead->callback([options, &exitCode] {
        exitCode = runChange(*options, "retried",
                             [](queue::Store& store) { return store.retryDeadLetters(); });
    });

    auto* purge = queueCommand->add_subcommand(
        "purge-delivered", "Delete delivered records (they hold no personal data any more)");
    common(purge);
    purge->callback([options, &exitCode] {
        exitCode = runChange(*options, "purged",
                             [](queue::Store& store) { return store.purgeDelivered(); });
    });

    auto* drain = queueCommand->add_subcommand(
        "drain", "Upload until the queue is empty or --wait seconds pass");
    common(drain);
    drain->add_option("--wait", options->waitSeconds, "Seconds to wait at most")
        ->capture_default_str();
    drain->callback([options, &exitCode] { exitCode = runDrain(*options); });
}

} // namespace kiosk::ctl
