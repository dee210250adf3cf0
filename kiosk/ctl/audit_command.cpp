// SPDX-License-Identifier: Apache-2.0
// kioskctl audit verify|show: the tamper-evident audit trail under data_dir/audit.
#include "kiosk/core/audit_verify.h"
#include "kiosk/core/config.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace kiosk::ctl {

namespace {

struct AuditOptions {
    std::string config = core::defaultConfigPath().string();
    std::string dataDir; ///< instead of the configuration's (a copy of a kiosk's data)
    std::string anchor;
    std::string since;
    bool json = false;
};

/// The data_dir to read: --data-dir, else the configuration's.
base::Result<std::filesystem::path> dataDirOf(const AuditOptions& options)
{
    if (!options.dataDir.empty())
        return std::filesystem::path(options.dataDir);
    auto config = core::loadConfig(options.config);
    if (!config)
        return base::fail(config.error());
    return config->kiosk.dataDir;
}

int runVerify(const AuditOptions& options)
{
    std::optional<core::AuditAnchor> anchor;
    if (!options.anchor.empty()) {
        anchor = core::parseAuditAnchor(options.anchor);
        if (!anchor)
            return printError(base::Error{make_error_code(base::errc::invalid_argument),
                                          "--anchor: expected SEQ:ALG:HEX or the heartbeat's "
                                          "{\"seq\":N,\"hash\":\"ALG:HEX\"}"},
                              options.json, BadUsage);
    }
    auto dataDir = dataDirOf(options);
    if (!dataDir)
        return printError(dataDir.error(), options.json, BadUsage);
    auto report = core::verifyAuditTrail(*dataDir, anchor);
    if (!report)
        return printError(report.error(), options.json);
    if (options.json) {
        printJson(report->toJson());
        return report->ok() ? Ok : Failed;
    }
    for (const auto& finding : report->findings)
        std::cout << (finding.fatal ? "" : "notice: ") << finding.file << " record "
                  << finding.record << ": " << finding.kind << ": " << finding.message << "\n";
    std::cout << (report->ok() ? "OK: " : "TAMPERED: ") << report->records << " records in "
              << report->files << " files; head seq " << report->head.seq << " "
              << report->head.hash << (anchor ? "" : " (no --anchor: a cut tail is not seen)")
              << "\n";
    return report->ok() ? Ok : Failed;
}

int runShow(const AuditOptions& options)
{
    auto dataDir = dataDirOf(options);
    if (!dataDir)
        return printError(dataDir.error(), options.json, BadUsage);
    auto records = core::readAuditRecords(*dataDir, options.since);
    if (!records)
        return printError(records.error(), options.json);
    if (options.json) {
        printJson(nlohmann::json(*records));
        return Ok;
    }
    for (const auto& record : *records) {
        std::cout << record.value("time", "") << "  " << record.value("seq", 0) << "  "
                  << record.value("actor", "") << "  " << record.value("event", "") << "  "
                  << record.value("object", "") << "  " << record.value("result", "");
        if (const auto detail = record.find("detail"); detail != record.end())
            std::cout << "  " << detail->dump();
        std::cout << "\n";
    }
    return Ok;
}

} // namespace

void addAuditCommand(CLI::App& app, int& exitCode)
{
    auto* audit = app.add_subcommand("audit", "Check and read the tamper-evident audit trail");
    audit->require_subcommand(1);
    auto options = std::make_shared<AuditOptions>();
    const auto common = [options](CLI::App* command) {
        command->add_option("--config", options->config, "Configuration file")
            ->capture_default_str();
        command->add_option("--data-dir", options->dataDir,
                            "Read this data_dir instead of the configured one");
        command->add_flag("--json", options->json, "Machine-readable output");
    };
    auto* verify = audit->add_subcommand(
        "verify", "Find edited, reordered, inserted, removed or truncated records, and where");
    common(verify);
    verify->add_option("--anchor", options->anchor,
                       "The last anchor the platform received (SEQ:ALG:HEX or the heartbeat's "
                       "JSON): finds a removed or rewritten tail");
    verify->callback([options, &exitCode] { exitCode = runVerify(*options); });

    auto* show = audit->add_subcommand("show", "Records since a time (UTC), oldest first");
    common(show);
    show->add_option("--since", options->since,
                     "RFC 3339 UTC prefix, e.g. 2026-12-05 or 2026-12-05T20:00")
        ->required();
    show->callback([options, &exitCode] { exitCode = runShow(*options); });
}

} // namespace kiosk::ctl
