// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/maintenance_links.h"

#include "base/log.h"
#include "kiosk/core/audit_verify.h"

namespace kiosk::app {

namespace {

constexpr std::string_view maintenanceLinksLog = "app";

/// kioskctl audit verify, as one line for the screen.
base::Result<std::string> verifyAudit(const std::filesystem::path& dataDir)
{
    auto report = core::verifyAuditTrail(dataDir);
    if (!report)
        return base::fail(report.error());
    if (report->ok())
        return "审计记录完整：" + std::to_string(report->records) + " 条，" +
               std::to_string(report->files) + " 个文件";
    std::size_t fatal = 0;
    for (const auto& finding : report->findings)
        fatal += finding.fatal ? 1 : 0;
    return "审计记录有 " + std::to_string(fatal) + " 处被改动，请运行 kioskctl audit verify";
}

/// kioskctl print test, shortened: the words, a rule and a QR show the printer and its paper.
base::Result<std::string> printTest(hal::DeviceManager* devices)
{
    if (devices == nullptr || !devices->receiptPrinter())
        return base::fail(base::errc::unsupported, "没有凭条打印机");
    using Line = hal::ReceiptLine;
    const hal::Receipt receipt{{{"打印测试", Line::Align::Center, true, 2},
                                {"政务服务自助终端 维护", Line::Align::Center},
                                Line::separator(),
                                Line::qr("TEST-0000"),
                                {"生僻字：堃 喆 昇 镕 珺"}}};
    if (auto printed = devices->receiptPrinter()->print(receipt); !printed)
        return base::fail(printed.error());
    return "测试凭条已打印";
}

core::MaintenanceServices services(Runtime& runtime)
{
    core::MaintenanceServices services;
    services.devices = [&runtime] {
        return runtime.devices() ? runtime.devices()->statuses() : std::vector<hal::DeviceStatus>{};
    };
    services.queueCounts = [&runtime]() -> base::Result<queue::QueueCounts> {
        if (runtime.queue() == nullptr)
            return base::fail(base::errc::unsupported, "queue not open");
        return runtime.queue()->counts();
    };
    services.retryDeadLetters = [&runtime]() -> base::Result<std::int64_t> {
        if (runtime.queue() == nullptr)
            return base::fail(base::errc::unsupported, "queue not open");
        auto retried = runtime.queue()->retryDeadLetters();
        if (retried && runtime.syncLoop() != nullptr)
            runtime.syncLoop()->notify(); // sent now, not at the next round
        return retried;
    };
    services.catalogVersion = [&runtime] {
        return runtime.catalogs().current()->catalogVersion;
    };
    services.linkState = [&runtime] {
        return runtime.syncLoop() ? std::string(queue::toString(runtime.syncLoop()->linkState()))
                                  : std::string("unknown");
    };
    services.diagnostics.push_back({"audit_verify", "校验审计记录", [&runtime] {
                                        return verifyAudit(runtime.config().kiosk.dataDir);
                                    }});
    services.diagnostics.push_back({"print_test", "打印测试凭条", [&runtime] {
                                        return printTest(runtime.devices());
                                    }});
    return services;
}

} // namespace

std::unique_ptr<core::MaintenanceAccess> openMaintenance(Runtime& runtime)
{
    auto options = core::maintenanceOptions(runtime.config());
    if (!options) {
        base::log::error(maintenanceLinksLog, "maintenance access: " + options.error().message);
        return nullptr;
    }
    auto access = core::MaintenanceAccess::open(runtime.config().kiosk.dataDir, std::move(*options),
                                                runtime.audit());
    if (!access) {
        base::log::error(maintenanceLinksLog, "maintenance access: " + access.error().describe());
        return nullptr;
    }
    (*access)->setServices(services(runtime));
    return std::move(*access);
}

} // namespace kiosk::app
