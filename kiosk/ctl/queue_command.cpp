// SPDX-License-Identifier: Apache-2.0
// kioskctl queue list: what the offline queue holds, for technicians.
#include "kiosk/core/config.h"
#include "kiosk/ctl/commands.h"
#include "kiosk/ctl/kiosk_files.h"
#include "offline_queue/store.h"

#include <CLI/CLI.hpp>

#include <iomanip>
#include <iostream>

namespace kiosk::ctl {

namespace {

struct QueueOptions {
    std::string config = core::defaultConfigPath().string();
    bool json = false;
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

int runList(const QueueOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);
    auto store = core::openQueue(*config);
    if (!store)
        return printError(store.error(), options.json);
    auto records = (*store)->list();
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

} // namespace

void addQueueCommand(CLI::App& app, int& exitCode)
{
    auto* queueCommand = app.add_subcommand("queue", "Inspect the offline queue");
    queueCommand->require_subcommand(1);

    auto options = std::make_shared<QueueOptions>();
    auto* list = queueCommand->add_subcommand(
        "list", "List every record: kind, state, attempts, case number");
    list->add_option("--config", options->config, "Configuration file")->capture_default_str();
    list->add_flag("--json", options->json, "Print JSON");
    list->callback([options, &exitCode] { exitCode = runList(*options); });
}

} // namespace kiosk::ctl
