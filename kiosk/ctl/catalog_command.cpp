// SPDX-License-Identifier: Apache-2.0
// kioskctl catalog: verify, show, search, install (technicians, e.g. from a USB stick), and
// sign and diff (administrators preparing a catalog push).
#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/catalog_search.h"
#include "kiosk/core/catalog_store.h"
#include "kiosk/core/config.h"
#include "kiosk/core/service_catalog.h"
#include "kiosk/ctl/commands.h"
#include "kiosk/ctl/kiosk_files.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

namespace kiosk::ctl {

namespace {

using Json = nlohmann::json;

struct CatalogOptions {
    std::string config = core::defaultConfigPath().string();
    std::string file;
    std::string other;
    std::string query;
    std::size_t limit = 10;
    bool json = false;
    bool allowRollback = false;
    std::string keyFile;
    std::string keyId;
    std::string alg = "ed25519";
};

/// Reads a catalog file that may be a signed envelope or a plain catalog. With `keys` the
/// envelope is verified and a plain catalog refused; without, the payload is only decoded
/// (diff compares what administrators are about to sign or push).
base::Result<core::Catalog> readCatalog(const std::string& path,
                                        const std::vector<core::TrustedKey>* keys)
{
    auto text = core::readFileLimited(path, core::maxEnvelopeBytes);
    if (!text)
        return base::fail(text.error());
    if (core::looksLikeEnvelope(*text)) {
        if (keys != nullptr) {
            auto verified = core::verifyEnvelopeText(*text, *keys);
            if (!verified)
                return base::fail(verified.error().withContext(path));
            return std::move(verified->catalog);
        }
        auto envelope = core::parseEnvelope(*text);
        if (!envelope)
            return base::fail(envelope.error().withContext(path));
        *text = std::move(envelope->payload);
    } else if (keys != nullptr && !keys->empty()) {
        return base::fail(core::EnvelopeErrc::malformed,
                          path + ": a plain catalog; this kiosk trusts only signed envelopes");
    }
    auto catalog = core::parseCatalog(*text);
    if (!catalog)
        return base::fail(catalog.error().withContext(path));
    return catalog;
}

int runVerify(const CatalogOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);
    auto catalog = readCatalog(options.file, &config->catalog.trustedKeys);
    if (!catalog)
        return printError(catalog.error(), options.json);
    const Json report{{"ok", true},
                      {"catalogVersion", catalog->catalogVersion},
                      {"items", catalog->items.size()}};
    if (options.json)
        printJson(report);
    else
        std::cout << options.file << ": ok, catalog version " << catalog->catalogVersion << ", "
                  << catalog->items.size() << " items\n";
    return Ok;
}

int runShow(const CatalogOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);
    auto service = core::findServiceCatalog(*config);
    if (!service)
        return printError(service.error(), options.json);
    const auto& catalog = service->catalog;
    Json items = Json::array();
    for (const auto& item : catalog.items)
        items.push_back({{"code", item.code},
                         {"name", item.name},
                         {"department", item.department},
                         {"theme", item.theme},
                         {"kind", core::toString(item.kind)},
                         {"online", core::toString(item.online)},
                         {"enabled", item.enabled}});
    if (options.json) {
        printJson({{"catalogVersion", catalog.catalogVersion},
                   {"region", catalog.region},
                   {"items", std::move(items)}});
        return Ok;
    }
    std::cout << "catalog " << catalog.catalogVersion << " region " << catalog.region << " from "
              << service->source.string() << (service->signedEnvelope ? " (signed)" : "") << "\n";
    for (const auto& item : catalog.items)
        std::cout << item.code << "  " << (item.enabled ? "" : "[disabled] ") << item.name << "  "
                  << item.department << "\n";
    return Ok;
}

int runSearch(const CatalogOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);
    auto service = core::findServiceCatalog(*config);
    if (!service)
        return printError(service.error(), options.json);
    auto pinyin = core::PinyinTable::system();
    if (!pinyin)
        return printError(pinyin.error(), options.json);
    const core::CatalogSearch search(service->catalog, *pinyin);
    Json hits = Json::array();
    for (const auto& hit : search.find(options.query, options.limit)) {
        Json json{{"code", hit.item->code},
                  {"name", hit.item->name},
                  {"department", hit.item->department},
                  {"theme", hit.item->theme}};
        // Found through the catalog's synonyms: which term, and what the name contains.
        if (hit.synonym != nullptr)
            json["synonym"] = {{"term", hit.synonym->term}, {"means", hit.meaning}};
        hits.push_back(std::move(json));
    }
    if (options.json) {
        printJson(hits);
        return Ok;
    }
    if (hits.empty())
        std::cout << "no item matches \"" << options.query << "\"\n";
    for (const auto& hit : hits) {
        std::cout << hit["code"].get<std::string>() << "  " << hit["name"].get<std::string>()
                  << "  " << hit["department"].get<std::string>();
        if (hit.contains("synonym"))
            std::cout << "  (" << hit["synonym"]["term"].get<std::string>() << " → "
                      << hit["synonym"]["means"].get<std::string>() << ")";
        std::cout << "\n";
    }
    return Ok;
}

int runInstall(const CatalogOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);
    if (config->catalog.trustedKeys.empty())
        return printError(base::Error{make_error_code(base::errc::invalid_argument),
                                      "no [[catalog.trusted_keys]] configured: this kiosk cannot "
                                      "check a signed catalog, so none is installed"},
                          options.json, BadUsage);
    auto text = core::readFileLimited(options.file, core::maxEnvelopeBytes);
    if (!text)
        return printError(text.error(), options.json);
    auto inService = core::findServiceCatalog(*config);
    const auto audit = openAudit(*config); // the install or refusal is recorded in it
    core::CatalogStore store(config->kiosk.dataDir, config->catalog.trustedKeys, audit.get());
    core::CatalogStore::InstallOptions install;
    install.origin = "kioskctl";
    install.inServiceVersion = inService ? inService->catalog.catalogVersion : 0;
    install.allowRollback = options.allowRollback;
    auto installed = store.install(*text, install);
    if (!installed)
        return printError(installed.error(), options.json);
    const auto version = installed->catalog.catalogVersion;
    const Json report{{"ok", true},
                      {"catalogVersion", version},
                      {"items", installed->catalog.items.size()},
                      {"rollback", version < install.inServiceVersion}};
    if (options.json)
        printJson(report);
    else
        std::cout << "installed catalog " << version << " (" << installed->catalog.items.size()
                  << " items); "
                  << (version < install.inServiceVersion
                          ? "a rollback: the kiosk shows it from its next start\n"
                          : "a running kiosk shows it within seconds, when nobody is being "
                            "served\n");
    return Ok;
}

int runSign(const CatalogOptions& options)
{
    auto text = core::readFileLimited(options.file, core::maxCatalogBytes);
    if (!text)
        return printError(text.error(), false);
    auto envelope = core::signCatalog(*text, options.keyFile, options.keyId, options.alg);
    if (!envelope)
        return printError(envelope.error(), false);
    std::cout << *envelope;
    return Ok;
}

Json briefJson(const core::CatalogItem& item)
{
    return {{"code", item.code}, {"name", item.name}};
}

/// Added, removed and changed synonym terms; null when the synonyms are the same.
Json diffSynonyms(const std::vector<core::Synonym>& before, const std::vector<core::Synonym>& after)
{
    std::map<std::string, const core::Synonym*> old;
    for (const auto& synonym : before)
        old[synonym.term] = &synonym;
    Json added = Json::array(), removed = Json::array(), changed = Json::array();
    for (const auto& synonym : after) {
        const auto it = old.find(synonym.term);
        if (it == old.end())
            added.push_back(synonym.term);
        else if (it->second->means != synonym.means || it->second->extra != synonym.extra)
            changed.push_back(synonym.term);
        if (it != old.end())
            old.erase(it);
    }
    for (const auto& [term, synonym] : old)
        removed.push_back(term);
    if (added.empty() && removed.empty() && changed.empty())
        return nullptr;
    return {{"added", added}, {"removed", removed}, {"changed", changed}};
}

int runDiff(const CatalogOptions& options)
{
    auto before = readCatalog(options.file, nullptr);
    if (!before)
        return printError(before.error(), options.json);
    auto after = readCatalog(options.other, nullptr);
    if (!after)
        return printError(after.error(), options.json);
    Json added = Json::array(), removed = Json::array(), changed = Json::array();
    std::map<std::string, const core::CatalogItem*> old;
    for (const auto& item : before->items)
        old[item.code] = &item;
    for (const auto& item : after->items) {
        const auto it = old.find(item.code);
        if (it == old.end()) {
            added.push_back(briefJson(item));
            continue;
        }
        const Json a = core::toJson(*it->second), b = core::toJson(item);
        old.erase(it);
        if (a == b)
            continue;
        Json fields = Json::array();
        for (const auto& [key, value] : b.items())
            if (!a.contains(key) || a[key] != value)
                fields.push_back(key);
        for (const auto& [key, value] : a.items())
            if (!b.contains(key))
                fields.push_back(key);
        auto entry = briefJson(item);
        entry["fields"] = std::move(fields);
        changed.push_back(std::move(entry));
    }
    for (const auto& item : before->items)
        if (old.contains(item.code))
            removed.push_back(briefJson(item));
    Json report{{"from", before->catalogVersion},
                {"to", after->catalogVersion},
                {"added", added},
                {"removed", removed},
                {"changed", changed}};
    // Synonym terms, only when they changed (most pushes leave them alone).
    if (auto synonyms = diffSynonyms(before->synonyms, after->synonyms); !synonyms.is_null())
        report["synonyms"] = std::move(synonyms);
    if (options.json) {
        printJson(report);
        return Ok;
    }
    std::cout << "catalog " << before->catalogVersion << " -> " << after->catalogVersion << "\n";
    for (const auto& item : added)
        std::cout << "+ " << item["code"].get<std::string>() << "  "
                  << item["name"].get<std::string>() << "\n";
    for (const auto& item : removed)
        std::cout << "- " << item["code"].get<std::string>() << "  "
                  << item["name"].get<std::string>() << "\n";
    for (const auto& item : changed)
        std::cout << "~ " << item["code"].get<std::string>() << "  "
                  << item["name"].get<std::string>() << "  " << item["fields"].dump() << "\n";
    if (report.contains("synonyms"))
        for (const auto& [mark, key] :
             {std::pair{"+", "added"}, {"-", "removed"}, {"~", "changed"}})
            for (const auto& term : report["synonyms"][key])
                std::cout << mark << " synonym " << term.get<std::string>() << "\n";
    return Ok;
}

using Runner = int (*)(const CatalogOptions&);

CLI::App* addSub(CLI::App& parent, const char* name, const char* help,
                 std::shared_ptr<CatalogOptions> options, int& exitCode, Runner run)
{
    auto* command = parent.add_subcommand(name, help);
    command->callback([options, &exitCode, run] { exitCode = run(*options); });
    return command;
}

void addConfigAndJson(CLI::App* command, CatalogOptions& options)
{
    command->add_option("--config", options.config, "Configuration file")->capture_default_str();
    command->add_flag("--json", options.json, "Print JSON");
}

} // namespace

void addCatalogCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<CatalogOptions>();
    auto* catalog =
        app.add_subcommand("catalog", "Check, install, search, sign and compare item catalogs");
    catalog->require_subcommand(1);

    auto* verify =
        addSub(*catalog, "verify", "Check a catalog file against this kiosk's trusted keys",
               options, exitCode, runVerify);
    verify->add_option("FILE", options->file, "Envelope (or plain catalog)")->required();
    addConfigAndJson(verify, *options);

    auto* show =
        addSub(*catalog, "show", "Show the catalog in service", options, exitCode, runShow);
    addConfigAndJson(show, *options);

    auto* search = addSub(*catalog, "search", "Search the catalog in service (Chinese or pinyin)",
                          options, exitCode, runSearch);
    search->add_option("QUERY", options->query, "e.g. 社保, shebao or sbcb")->required();
    search->add_option("--limit", options->limit, "Most results")->capture_default_str();
    addConfigAndJson(search, *options);

    auto* install = addSub(*catalog, "install", "Install a signed catalog (e.g. from a USB stick)",
                           options, exitCode, runInstall);
    install->add_option("FILE", options->file, "Signed envelope")->required();
    install->add_flag(
        "--allow-rollback", options->allowRollback,
        "Allow an older catalog than the one in service (recorded in the audit trail)");
    addConfigAndJson(install, *options);

    auto* sign = addSub(*catalog, "sign", "Sign a catalog; prints the envelope on stdout", options,
                        exitCode, runSign);
    sign->add_option("CATALOG", options->file, "Catalog JSON")->required();
    sign->add_option("--key", options->keyFile, "PEM private key")->required();
    sign->add_option("--key-id", options->keyId, "keyId the kiosks know the public key by")
        ->required();
    sign->add_option("--alg", options->alg, "ed25519 or sm2")
        ->check(CLI::IsMember({"ed25519", "sm2"}))
        ->capture_default_str();

    auto* diff = addSub(*catalog, "diff", "List added, removed and changed items", options,
                        exitCode, runDiff);
    diff->add_option("OLD", options->file, "Old catalog or envelope")->required();
    diff->add_option("NEW", options->other, "New catalog or envelope")->required();
    diff->add_flag("--json", options->json, "Print JSON");
}

} // namespace kiosk::ctl
