// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/remote_config.h"

#include "base/durable_file.h"
#include "base/log.h"
#include "kiosk/core/catalog_envelope.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <sstream>

namespace kiosk::core {

namespace {
constexpr std::string_view remoteConfigLog = "core/remote-config";

/// What set_config may not touch (remotelySettable() says why): whole sections end in '.'.
constexpr std::array<std::string_view, 8> refusedKeys{
    "kiosk.",         "platform.",    "fleet.",    "catalog.file", "catalog.trusted_keys",
    "queue.key_file", "queue.cipher", "audit.hash"};

base::Result<std::string> readFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return base::fail(ConfigErrc::unreadable,
                          "cannot read configuration file " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string joined(const std::vector<std::string>& keys)
{
    std::string text;
    for (const auto& key : keys)
        text += (text.empty() ? "" : ", ") + key;
    return text;
}

/// The merged configuration, or why the fragment is refused.
base::Result<ConfigMerge> checkedMerge(const std::string& current,
                                       const std::filesystem::path& file,
                                       const std::string& fragment, std::string_view commandId)
{
    auto merged = mergeConfigFragment(current, file.string(), fragment,
                                      "set_config " + std::string(commandId));
    if (!merged)
        return base::fail(merged.error());
    for (const auto& key : merged->keys)
        if (!remotelySettable(key))
            return base::fail(ConfigErrc::bad_value,
                              "'" + key +
                                  "' cannot be set remotely: it is changed on the kiosk only "
                                  "(a mistake could cut the kiosk off or lose data)");
    return merged;
}

/// A fragment must set remote_config.version above the one the file holds: a signed
/// fragment stays signed for ever, and sent again later it would undo what came after it.
base::Result<void> checkVersion(const ConfigMerge& merged, std::int64_t applied)
{
    const bool carried = std::find(merged.keys.begin(), merged.keys.end(),
                                   "remote_config.version") != merged.keys.end();
    if (!carried)
        return base::fail(ConfigErrc::missing_key,
                          "set_config: the fragment sets no 'remote_config.version'; each "
                          "fragment carries one above the last applied here (" +
                              std::to_string(applied) + ")");
    if (merged.config.remoteConfig.version <= applied)
        return base::fail(ConfigErrc::bad_value,
                          "set_config: the fragment's 'remote_config.version' is " +
                              std::to_string(merged.config.remoteConfig.version) + ", not above " +
                              std::to_string(applied) +
                              ", the last applied here: an older fragment sent again is refused");
    return {};
}

} // namespace

bool remotelySettable(std::string_view key)
{
    for (const auto refused : refusedKeys)
        if (refused.ends_with('.') ? key.starts_with(refused) : key == refused)
            return false;
    return true;
}

RemoteConfig::RemoteConfig(RemoteConfigOptions options) : options_(std::move(options)) {}

base::Result<std::string> RemoteConfig::apply(std::string_view commandId,
                                              const nlohmann::json& args)
{
    if (options_.trustedKeys.empty())
        return base::fail(base::errc::unsupported,
                          "no [[catalog.trusted_keys]] configured: this kiosk accepts no signed "
                          "configuration");
    // The args were read from JSON, so they dump as the same JSON (invalid text replaced).
    auto envelope =
        parseEnvelope(args.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (!envelope)
        return base::fail(envelope.error().withContext("set_config"));
    if (envelope->payload.size() > maxConfigFragmentBytes)
        return base::fail(ConfigErrc::bad_value, "set_config: the fragment is " +
                                                     std::to_string(envelope->payload.size()) +
                                                     " bytes; at most " +
                                                     std::to_string(maxConfigFragmentBytes));
    if (auto verified = verifySignature(*envelope, options_.trustedKeys); !verified)
        return base::fail(verified.error().withContext("set_config"));
    auto current = readFile(options_.configFile);
    if (!current)
        return base::fail(current.error());
    auto merged = checkedMerge(*current, options_.configFile, envelope->payload, commandId);
    if (!merged)
        return base::fail(merged.error());
    const auto inUse = parseConfig(*current, options_.configFile.string());
    if (!inUse) // checkedMerge() has refused an invalid one already; this is for the reader
        return base::fail(inUse.error());
    if (auto fresh = checkVersion(*merged, inUse->remoteConfig.version); !fresh)
        return base::fail(fresh.error());
    if (auto written = replaceFile(merged->toml); !written)
        return base::fail(written.error().withContext("set_config"));
    audit(commandId, merged->changed);
    base::log::info(remoteConfigLog, "set_config " + std::string(commandId) + ": " +
                                         joined(merged->changed) + " changed in " +
                                         options_.configFile.string());
    return "applied " + joined(merged->changed) + " to " + options_.configFile.string() +
           "; takes effect at the next start of the kiosk (a reboot command waits for the "
           "citizen's session to end)";
}

base::Result<void> RemoteConfig::replaceFile(const std::string& text) const
{
    const auto& file = options_.configFile;
    struct stat original {};
    if (::stat(file.c_str(), &original) != 0)
        return base::fail(base::fromErrno("stat " + file.string(), errno));
    // The one before is copied for a technician to go back to, before anything changes; a
    // copy that fails only warns (the change goes on), unlike replaceFile's keepPrevious.
    std::error_code error;
    std::filesystem::copy_file(file, file.string() + ".previous",
                               std::filesystem::copy_options::overwrite_existing, error);
    if (error)
        base::log::warning(remoteConfigLog,
                           "no copy of the previous configuration: " + error.message());
    // The new file gets the old one's permissions (it may be readable by the kiosk's group).
    base::ReplaceOptions how;
    how.mode = original.st_mode & 07777;
    return base::replaceFile(file, text, how);
}

void RemoteConfig::audit(std::string_view commandId, const std::vector<std::string>& changed) const
{
    if (options_.audit == nullptr)
        return;
    // Key names only: values may be paths or addresses, and none belongs in the trail.
    AuditEvent event{.actor = "platform",
                     .event = "config.changed",
                     .object = options_.configFile.string(),
                     .result = "ok",
                     .detail = {{"origin", "set_config"},
                                {"command", std::string(commandId)},
                                {"keys", changed}},
                     .durable = true};
    if (auto appended = options_.audit->append(std::move(event)); !appended)
        base::log::error(remoteConfigLog, "audit trail: " + appended.error().describe());
}

} // namespace kiosk::core
