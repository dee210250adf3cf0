// SPDX-License-Identifier: Apache-2.0
// kioskctl provision FILE [--replace] [--catalog ENVELOPE]: a kiosk's identity and secrets from
// a provisioning file (kiosk/core/provisioning.h; the format is in README, "Technicians", and
// image/README.md), and the signed catalog that travels with it, installed as the owner of
// data_dir (the kiosk user) once the provisioning is written.
#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/catalog_store.h"
#include "kiosk/core/config.h"
#include "kiosk/core/provisioning.h"
#include "kiosk/core/service_catalog.h"
#include "kiosk/ctl/commands.h"
#include "kiosk/ctl/kiosk_files.h"

#include <CLI/CLI.hpp>

#include <array>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <grp.h>
#include <iostream>
#include <memory>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kiosk::ctl {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct ProvisionOptions {
    std::string config = core::defaultConfigPath().string();
    std::string file;
    std::string catalog; ///< --catalog ENVELOPE, or empty
    bool replace = false;
    bool json = false;
};

/// What became of the offered catalog once the provisioning was written. "result" is
/// "installed", "already_in_service" (that version is in service), "newer_in_service" (kept:
/// the one given is older) or "failed" (with "message").
Json installFailed(const std::string& message)
{
    return {{"result", "failed"}, {"message", message}};
}

/// Installs the envelope as `catalog install` would, with the provisioned configuration; the
/// install (or its refusal) is audited with origin "provisioning".
Json installCatalog(const core::Config& config, std::string_view envelope)
{
    auto inService = core::findServiceCatalog(config);
    const auto audit = openAudit(config);
    core::CatalogStore store(config.kiosk.dataDir, config.catalog.trustedKeys, audit.get());
    core::CatalogStore::InstallOptions how;
    how.origin = "provisioning";
    how.inServiceVersion = inService ? inService->catalog.catalogVersion : 0;
    how.auditSameVersion = false; // provisioning again with the same stick is not news
    auto installed = store.install(envelope, how);
    if (installed)
        return {{"result", "installed"}};
    if (installed.error().code == make_error_code(core::InstallErrc::already_in_service))
        return {{"result", "already_in_service"}};
    if (installed.error().code == make_error_code(core::InstallErrc::older_version))
        return {{"result", "newer_in_service"}, {"inServiceVersion", how.inServiceVersion}};
    return installFailed(installed.error().message);
}

/// Gives up root for good: no supplementary groups, then the group, then the user; checked,
/// including that root cannot be had back.
base::Result<void> dropTo(uid_t uid, gid_t gid)
{
    if (::setgroups(0, nullptr) != 0)
        return base::fail(base::fromErrno("setgroups", errno));
    if (::setgid(gid) != 0)
        return base::fail(base::fromErrno("setgid " + std::to_string(gid), errno));
    if (::setuid(uid) != 0)
        return base::fail(base::fromErrno("setuid " + std::to_string(uid), errno));
    const bool dropped = ::getuid() == uid && ::geteuid() == uid && ::getgid() == gid &&
                         ::getegid() == gid && ::setuid(0) != 0;
    if (!dropped)
        return base::fail(base::errc::internal,
                          "still privileged after becoming uid " + std::to_string(uid));
    return {};
}

void writeAll(int fd, const std::string& text)
{
    for (std::size_t done = 0; done < text.size();) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += static_cast<std::size_t>(n);
    }
}

std::string readAll(int fd)
{
    std::string text;
    std::array<char, 4096> buffer{};
    for (;;) {
        const auto n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return text;
        text.append(buffer.data(), static_cast<std::size_t>(n));
    }
}

/// Runs `work` as the owner of `dataDir`. As root (provision-usb, a technician with sudo) and
/// with data_dir someone else's (the kiosk user's), in a child that drops to that uid and gid,
/// so that every file it makes, the audit trail's too, stays the kiosk user's; its answer comes
/// back through a pipe. Otherwise in this process.
Json asOwnerOf(const fs::path& dataDir, const std::function<Json()>& work)
{
    struct stat info {};
    if (::geteuid() != 0 || ::stat(dataDir.c_str(), &info) != 0 || info.st_uid == 0)
        return work();
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0)
        return installFailed(base::fromErrno("pipe", errno).message);
    std::cout.flush(); // nothing buffered is written twice
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return installFailed(base::fromErrno("fork", errno).message);
    }
    if (child == 0) {
        ::close(fds[0]);
        auto dropped = dropTo(info.st_uid, info.st_gid);
        const Json answer = dropped ? work() : installFailed(dropped.error().message);
        writeAll(fds[1], answer.dump(-1, ' ', false, Json::error_handler_t::replace));
        ::_exit(0);
    }
    ::close(fds[1]);
    const auto text = readAll(fds[0]);
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    auto answer = Json::parse(text, nullptr, false);
    if (answer.is_discarded() || !answer.is_object())
        return installFailed("the install as uid " + std::to_string(info.st_uid) +
                             " ended without an answer (status " + std::to_string(status) + ")");
    return answer;
}

/// The offered catalog, installed with the configuration just written.
Json installOffered(const ProvisionOptions& options, std::string_view envelope)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return installFailed(config.error().message);
    return asOwnerOf(config->kiosk.dataDir, [&] { return installCatalog(*config, envelope); });
}

/// The catalog part of the report: the version the kiosk accepts (with --catalog the one given,
/// also when it was not installed), and what became of the one given.
Json catalogJson(const core::ProvisionReport& report, const Json& install)
{
    Json catalog{{"offered", !install.is_null()}, {"catalogVersion", report.catalogVersion}};
    if (install.is_null())
        catalog["source"] = report.catalogSource.string();
    else
        catalog.update(install);
    return catalog;
}

Json toJson(const core::ProvisionReport& report, const Json& catalog)
{
    Json written = Json::array();
    for (const auto& path : report.written)
        written.push_back(path.string());
    return {
        {"kioskId", report.kioskId},
        {"platformUrl", report.platformUrl},
        {"certificate", {{"subject", report.certSubject}, {"notAfter", report.certNotAfter}}},
        {"replaced", report.previousKioskId.empty() ? Json(nullptr) : Json(report.previousKioskId)},
        {"queueKeyChanged", report.queueKeyChanged},
        {"written", written},
        {"sourceWiped", report.sourceWiped},
        {"wipeProblem", report.wipeProblem},
        {"catalog", catalog}};
}

void printCatalog(const Json& catalog, const std::string& envelopeFile)
{
    const auto version = std::to_string(catalog["catalogVersion"].get<std::int64_t>());
    const auto result = catalog.value("result", "");
    if (!catalog["offered"].get<bool>())
        std::cout << "catalog " << version << " (signed) from "
                  << catalog["source"].get<std::string>() << "\n";
    else if (result == "installed")
        std::cout << "installed the signed catalog " << version << " from " << envelopeFile << "\n";
    else if (result == "already_in_service")
        std::cout << "the signed catalog " << version << " is in service already\n";
    else if (result == "newer_in_service")
        std::cout << "kept catalog " << catalog["inServiceVersion"].get<std::int64_t>()
                  << " in service: the catalog given (" << version
                  << ") is older; `kioskctl catalog install --allow-rollback` installs it\n";
    else
        std::cerr << "kioskctl: the kiosk was provisioned, but the signed catalog " << version
                  << " from " << envelopeFile
                  << " was NOT installed: " << catalog.value("message", "") << "\n"
                  << "the kiosk does not start without it: install it as the kiosk user with "
                     "`kioskctl catalog install "
                  << envelopeFile << "`\n";
}

void printText(const core::ProvisionReport& report, const ProvisionOptions& options,
               const Json& catalog)
{
    std::cout << "provisioned kiosk " << report.kioskId << " for " << report.platformUrl << "\n"
              << "client certificate: " << report.certSubject << ", valid until "
              << report.certNotAfter << "\n";
    if (!report.previousKioskId.empty())
        std::cout << "replaced the provisioning of kiosk " << report.previousKioskId << "\n";
    if (report.queueKeyChanged)
        std::cout << "warning: the queue key changed; records queued under the old key can no "
                     "longer be opened\n";
    for (const auto& path : report.written)
        std::cout << "wrote " << path.string() << "\n";
    if (report.sourceWiped)
        std::cout << "wiped " << options.file << " (overwritten with zeros and removed)\n";
    else
        std::cout << "warning: " << options.file << " was NOT wiped: " << report.wipeProblem
                  << "\n";
    printCatalog(catalog, options.catalog);
}

int runProvision(const ProvisionOptions& options)
{
    core::ProvisionOptions how;
    how.configFile = options.config;
    how.replace = options.replace;
    if (!options.catalog.empty()) {
        // Read now, as the caller: the stick's mount point is root's only.
        auto envelope = core::readFileLimited(options.catalog, core::maxEnvelopeBytes);
        if (!envelope)
            return printError(envelope.error(), options.json);
        how.catalogEnvelope = std::move(*envelope);
    }
    auto report = core::provision(options.file, how);
    if (!report) {
        const bool config =
            report.error().code == make_error_code(core::ProvisioningErrc::no_configuration);
        return printError(report.error(), options.json, config ? BadUsage : Failed);
    }
    const Json install =
        how.catalogEnvelope ? installOffered(options, *how.catalogEnvelope) : Json(nullptr);
    const Json catalog = catalogJson(*report, install);
    if (options.json)
        printJson(toJson(*report, catalog));
    else
        printText(*report, options, catalog);
    return catalog.value("result", "") == "failed" ? PartlyDone : Ok;
}

} // namespace

void addProvisionCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<ProvisionOptions>();
    auto* command = app.add_subcommand(
        "provision",
        "import a provisioning file (kiosk id, platform, certificates, keys); the file is "
        "validated completely first, including that the kiosk would then accept a catalog "
        "(with trust keys only a signed one: the --catalog given, else one it has already), "
        "and wiped afterwards. Exit 3: provisioned, but the --catalog given was not installed "
        "(install it with kioskctl catalog install)");
    command->add_option("FILE", options->file, "the provisioning file (TOML, format 1)")
        ->required();
    command->add_option("--config", options->config, "the configuration to complete")
        ->capture_default_str();
    command->add_option("--catalog", options->catalog,
                        "a signed catalog envelope (kiosk-catalog.envelope.json) to install with "
                        "it, as the owner of data_dir; it must verify with one of the file's "
                        "trust keys");
    command->add_flag("--replace", options->replace,
                      "provision a kiosk that is provisioned already (a technician's decision)");
    command->add_flag("--json", options->json, "answer in JSON");
    command->callback([options, &exitCode] { exitCode = runProvision(*options); });
}

} // namespace kiosk::ctl
