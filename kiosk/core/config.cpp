// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/config.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

#include <toml++/toml.h>

namespace kiosk::core {

namespace {

class ConfigCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "config"; }
    std::string message(int value) const override
    {
        switch (static_cast<ConfigErrc>(value)) {
        case ConfigErrc::syntax:
            return "TOML syntax error";
        case ConfigErrc::unknown_key:
            return "unknown key";
        case ConfigErrc::missing_key:
            return "missing required key";
        case ConfigErrc::wrong_type:
            return "wrong value type";
        case ConfigErrc::bad_value:
            return "bad value";
        case ConfigErrc::unreadable:
            return "unreadable file";
        }
        return "config error";
    }
};

/// Reads one table against its list of known keys. Each known key has a setter that
/// checks the value's type; anything not listed is an error naming the key and its line.
class TableReader {
public:
    TableReader(const toml::table& table, std::string prefix, std::string_view source)
        : table_(table), prefix_(std::move(prefix)), source_(source)
    {
    }

    using Setter = std::function<base::Result<void>(const toml::node&, const std::string& key)>;

    TableReader& key(std::string name, bool required, Setter setter)
    {
        known_.push_back({std::move(name), required, std::move(setter)});
        return *this;
    }

    base::Result<void> read() const
    {
        for (const auto& [name, node] : table_) {
            const auto* known = find(name.str());
            if (known == nullptr)
                return fail(ConfigErrc::unknown_key, node,
                            "unknown key '" + qualified(name.str()) + "'");
            if (auto result = known->setter(node, qualified(name.str())); !result)
                return result;
        }
        for (const auto& known : known_)
            if (known.required && !table_.contains(known.name))
                return fail(ConfigErrc::missing_key, table_,
                            "missing required key '" + qualified(known.name) + "'");
        return {};
    }

    std::string qualified(std::string_view name) const
    {
        return prefix_.empty() ? std::string(name) : prefix_ + "." + std::string(name);
    }

    base::Result<void> fail(ConfigErrc code, const toml::node& node, const std::string& what) const
    {
        return base::fail(code, location(source_, node) + what);
    }

    static std::string location(std::string_view source, const toml::node& node)
    {
        const auto line = node.source().begin.line;
        return std::string(source) + (line > 0 ? ":" + std::to_string(line) : "") + ": ";
    }

private:
    struct Known {
        std::string name;
        bool required;
        Setter setter;
    };
    const Known* find(std::string_view name) const
    {
        for (const auto& known : known_)
            if (known.name == name)
                return &known;
        return nullptr;
    }

    const toml::table& table_;
    std::string prefix_;
    std::string_view source_;
    std::vector<Known> known_;
};

// Setters: each checks the TOML type and stores the value.
TableReader::Setter text(std::string& out, std::string_view source, bool allowEmpty = false)
{
    return [&out, source, allowEmpty](const toml::node& node,
                                      const std::string& key) -> base::Result<void> {
        const auto value = node.value<std::string>();
        if (!value || !node.is_string())
            return base::fail(ConfigErrc::wrong_type, TableReader::location(source, node) + "'" +
                                                          key + "' must be a string");
        if (!allowEmpty && value->empty())
            return base::fail(ConfigErrc::bad_value, TableReader::location(source, node) + "'" +
                                                         key + "' must not be empty");
        out = *value;
        return {};
    };
}

TableReader::Setter path(std::filesystem::path& out, std::string_view source)
{
    return [&out, source](const toml::node& node, const std::string& key) -> base::Result<void> {
        std::string value;
        if (auto result = text(value, source)(node, key); !result)
            return result;
        out = value;
        return {};
    };
}

TableReader::Setter flag(bool& out, std::string_view source)
{
    return [&out, source](const toml::node& node, const std::string& key) -> base::Result<void> {
        if (!node.is_boolean())
            return base::fail(ConfigErrc::wrong_type, TableReader::location(source, node) + "'" +
                                                          key + "' must be true or false");
        out = *node.value<bool>();
        return {};
    };
}

TableReader::Setter positive(int& out, std::string_view source)
{
    return [&out, source](const toml::node& node, const std::string& key) -> base::Result<void> {
        const auto value = node.value<std::int64_t>();
        if (!node.is_integer() || !value || *value <= 0 || *value > 1'000'000)
            return base::fail(ConfigErrc::wrong_type, TableReader::location(source, node) + "'" +
                                                          key + "' must be a positive integer");
        out = static_cast<int>(*value);
        return {};
    };
}

/// A whole number from 0 to 2^53 (what JSON carries exactly), e.g. a version.
TableReader::Setter counter(std::int64_t& out, std::string_view source)
{
    return [&out, source](const toml::node& node, const std::string& key) -> base::Result<void> {
        const auto value = node.value<std::int64_t>();
        if (!node.is_integer() || !value || *value < 0 || *value > (std::int64_t{1} << 53))
            return base::fail(ConfigErrc::wrong_type, TableReader::location(source, node) + "'" +
                                                          key +
                                                          "' must be a whole number from 0 "
                                                          "to 2^53");
        out = *value;
        return {};
    };
}

/// An integer in [minimum, maximum]; the error names the key and the range.
TableReader::Setter bounded(int& out, int minimum, int maximum, std::string_view source)
{
    return [&out, minimum, maximum, source](const toml::node& node,
                                            const std::string& key) -> base::Result<void> {
        const auto value = node.value<std::int64_t>();
        if (!node.is_integer() || !value)
            return base::fail(ConfigErrc::wrong_type, TableReader::location(source, node) + "'" +
                                                          key + "' must be an integer");
        if (*value < minimum || *value > maximum)
            return base::fail(ConfigErrc::bad_value, TableReader::location(source, node) + "'" +
                                                         key + "' is " + std::to_string(*value) +
                                                         "; expected " + std::to_string(minimum) +
                                                         " to " + std::to_string(maximum));
        out = static_cast<int>(*value);
        return {};
    };
}

TableReader::Setter oneOf(std::string& out, std::vector<std::string> allowed,
                          std::string_view source)
{
    return [&out, allowed = std::move(allowed),
            source](const toml::node& node, const std::string& key) -> base::Result<void> {
        std::string value;
        if (auto result = text(value, source)(node, key); !result)
            return result;
        for (const auto& candidate : allowed)
            if (candidate == value) {
                out = value;
                return {};
            }
        std::string list;
        for (const auto& candidate : allowed)
            list += (list.empty() ? "" : ", ") + candidate;
        return base::fail(ConfigErrc::bad_value, TableReader::location(source, node) + "'" + key +
                                                     "' is \"" + value +
                                                     "\"; expected one of: " + list);
    };
}

/// A nested table such as [kiosk]: the node must be a table, then its own keys are read.
TableReader::Setter
section(std::string_view source,
        std::function<base::Result<void>(const toml::table&, const std::string&)> read)
{
    return [source, read = std::move(read)](const toml::node& node,
                                            const std::string& key) -> base::Result<void> {
        if (!node.is_table())
            return base::fail(ConfigErrc::wrong_type, TableReader::location(source, node) + "'" +
                                                          key + "' must be a table");
        return read(*node.as_table(), key);
    };
}

base::Result<void> readTrustedKeys(const toml::node& node, const std::string& key,
                                   std::vector<TrustedKey>& keys, std::string_view source)
{
    const auto* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables())
        return base::fail(ConfigErrc::wrong_type, TableReader::location(source, node) + "'" + key +
                                                      "' must be an array of tables ([[" + key +
                                                      "]])");
    for (std::size_t i = 0; i < array->size(); ++i) {
        TrustedKey trusted;
        std::filesystem::path file;
        const std::string prefix = key + "[" + std::to_string(i) + "]";
        auto result = TableReader(*array->at(i).as_table(), prefix, source)
                          .key("id", true, text(trusted.id, source))
                          .key("alg", true, oneOf(trusted.alg, {"ed25519", "sm2"}, source))
                          .key("public_key_file", true, path(trusted.publicKeyFile, source))
                          .read();
        if (!result)
            return result;
        for (const auto& other : keys)
            if (other.id == trusted.id)
                return base::fail(ConfigErrc::bad_value,
                                  TableReader::location(source, array->at(i)) +
                                      "duplicate trusted key id '" + trusted.id + "'");
        keys.push_back(std::move(trusted));
    }
    return {};
}

const std::vector<std::string>& deviceSchemes(std::string_view device)
{
    static const std::vector<std::string> cardReader{"fake", "serial", "usb"};
    static const std::vector<std::string> codeScanner{"fake",  "camera", "serial",
                                                      "evdev", "image",  "video"};
    static const std::vector<std::string> receiptPrinter{"fake", "usb", "file", "tcp", "serial"};
    static const std::vector<std::string> reviewTablet{"fake", "serial", "tcp"};
    static const std::vector<std::string> a4Printer{"fake", "cups"};
    static const std::vector<std::string> documentCamera{"fake", "camera", "image"};
    if (device == "document_camera")
        return documentCamera;
    if (device == "a4_printer")
        return a4Printer;
    if (device == "card_reader")
        return cardReader;
    if (device == "code_scanner")
        return codeScanner;
    if (device == "receipt_printer")
        return receiptPrinter;
    return reviewTablet;
}

/// A device spec is "fake" or "<scheme>:<target>" with a scheme known for that class.
TableReader::Setter device(std::string& out, std::string_view name, std::string_view source)
{
    return
        [&out, name, source](const toml::node& node, const std::string& key) -> base::Result<void> {
            std::string value;
            if (auto result = text(value, source)(node, key); !result)
                return result;
            const auto colon = value.find(':');
            const std::string scheme = value.substr(0, colon);
            const bool needsTarget = scheme != "fake";
            const auto& schemes = deviceSchemes(name);
            const bool known = std::find(schemes.begin(), schemes.end(), scheme) != schemes.end();
            const bool hasTarget = colon != std::string::npos && colon + 1 < value.size();
            if (!known || needsTarget != hasTarget) {
                std::string list;
                for (const auto& s : schemes)
                    list += (list.empty() ? "" : ", ") + s + (s == "fake" ? "" : ":...");
                return base::fail(ConfigErrc::bad_value, TableReader::location(source, node) + "'" +
                                                             key + "' is \"" + value +
                                                             "\"; expected " + list);
            }
            out = value;
            return {};
        };
}

/// The spec allows plain http:// only to loopback hosts, and only when asked explicitly.
base::Result<void> checkPlatformUrl(const PlatformSection& platform, std::string_view source)
{
    const std::string& url = platform.url;
    if (url.starts_with("https://"))
        return {};
    if (!url.starts_with("http://"))
        return base::fail(ConfigErrc::bad_value,
                          std::string(source) + ": 'platform.url' must start with https://");
    const auto hostStart = std::string_view(url).substr(7);
    const bool loopback = hostStart.starts_with("127.") ||
                          hostStart.starts_with("[::1]"); // addresses only, as the spec says
    if (!loopback || !platform.allowInsecureLoopback)
        return base::fail(
            ConfigErrc::bad_value,
            std::string(source) +
                ": 'platform.url' uses plain http://, which is allowed only "
                "for a loopback address with platform.allow_insecure_loopback = true");
    return {};
}

/// A receipt URL must be one a phone opens and must say where the reference goes.
base::Result<void> checkReceiptTemplate(const ReceiptSection& receipt, std::string_view source)
{
    const std::string& url = receipt.qrUrlTemplate;
    if (!url.starts_with("https://") && !url.starts_with("http://"))
        return base::fail(ConfigErrc::bad_value, std::string(source) +
                                                     ": 'receipt.qr_url_template' must start "
                                                     "with https:// (or http://)");
    if (url.find("{ref}") == std::string::npos)
        return base::fail(ConfigErrc::bad_value,
                          std::string(source) + ": 'receipt.qr_url_template' must contain {ref}");
    return {};
}

/// A topic level list: no wildcards (+ #), no empty level, no leading or trailing '/'.
bool validTopicPrefix(std::string_view prefix)
{
    if (prefix.empty() || prefix.front() == '/' || prefix.back() == '/' ||
        prefix.find("//") != std::string_view::npos)
        return false;
    return std::ranges::none_of(prefix, [](char c) {
        return c == '+' || c == '#' || static_cast<unsigned char>(c) < 0x20;
    });
}

/// [fleet]: mqtts:// (or mqtt:// to a loopback address with allow_insecure_loopback, like the
/// platform), a usable topic prefix, and a client certificate of its own or the platform's.
base::Result<void> checkFleet(Config& config, std::string_view source)
{
    if (!config.fleet)
        return {};
    auto& fleet = *config.fleet;
    const auto bad = [&](const std::string& what) {
        return base::fail(ConfigErrc::bad_value, std::string(source) + ": " + what);
    };
    const std::string_view url = fleet.mqttUrl;
    const bool tls = url.starts_with("mqtts://");
    const bool plain = url.starts_with("mqtt://");
    if (!tls && !plain)
        return bad("'fleet.mqtt_url' must start with mqtts://");
    const auto host = url.substr(tls ? 8 : 7);
    if (host.empty() || host.front() == ':' || host.find('/') != std::string_view::npos)
        return bad("'fleet.mqtt_url' must be mqtts://HOST or mqtts://HOST:PORT");
    if (plain && !((host.starts_with("127.") || host.starts_with("[::1]")) &&
                   config.platform.allowInsecureLoopback))
        return bad("'fleet.mqtt_url' uses plain mqtt://, which is allowed only for a loopback "
                   "address with platform.allow_insecure_loopback = true");
    if (!validTopicPrefix(fleet.topicPrefix))
        return bad("'fleet.topic_prefix' must be topic levels such as \"kiosk/510703\" (no "
                   "+ or #, no empty level, no leading or trailing /)");
    if (fleet.caFile.empty())
        fleet.caFile = config.platform.caFile;
    if (fleet.certFile.empty() != fleet.keyFile.empty())
        return bad("'fleet.cert_file' and 'fleet.key_file' go together");
    if (fleet.certFile.empty()) {
        fleet.certFile = config.platform.certFile;
        fleet.keyFile = config.platform.keyFile;
    }
    if (tls && (fleet.certFile.empty() || fleet.keyFile.empty()))
        return bad("'fleet.cert_file' is needed (a client certificate; or platform.cert_file "
                   "and platform.key_file)");
    return {};
}

base::Result<Config> readConfig(const toml::table& root, std::string_view source)
{
    Config config;
    auto result =
        TableReader(root, "", source)
            .key("kiosk", true,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             return TableReader(t, p, source)
                                 .key("id", true, text(config.kiosk.id, source))
                                 .key("data_dir", true, path(config.kiosk.dataDir, source))
                                 .read();
                         }))
            .key("platform", true,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             auto& s = config.platform;
                             return TableReader(t, p, source)
                                 .key("url", true, text(s.url, source))
                                 .key("ca_file", false, text(s.caFile, source))
                                 .key("cert_file", false, text(s.certFile, source))
                                 .key("key_file", false, text(s.keyFile, source))
                                 .key("allow_insecure_loopback", false,
                                      flag(s.allowInsecureLoopback, source))
                                 .read();
                         }))
            .key("catalog", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             std::filesystem::path file;
                             auto read = TableReader(t, p, source)
                                             .key("file", false, path(file, source))
                                             .key("trusted_keys", false,
                                                  [&](const toml::node& n, const std::string& k) {
                                                      return readTrustedKeys(
                                                          n, k, config.catalog.trustedKeys, source);
                                                  })
                                             .read();
                             if (!file.empty())
                                 config.catalog.file = file;
                             return read;
                         }))
            .key("queue", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             auto& s = config.queue;
                             return TableReader(t, p, source)
                                 .key("key_file", false, path(s.keyFile, source))
                                 .key("max_mb", false, positive(s.maxMb, source))
                                 .key("cipher", false,
                                      oneOf(s.cipher, {"aes-256-gcm", "sm4-ctr-hmac-sm3"}, source))
                                 .read();
                         }))
            .key("audit", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             auto& s = config.audit;
                             return TableReader(t, p, source)
                                 .key("hash", false, oneOf(s.hash, {"sha256", "sm3"}, source))
                                 .key("file_kb", false, positive(s.fileKb, source))
                                 .key("max_mb", false, positive(s.maxMb, source))
                                 .read();
                         }))
            .key("devices", false,
                 section(
                     source,
                     [&](const toml::table& t, const std::string& p) {
                         auto& s = config.devices;
                         return TableReader(t, p, source)
                             .key("card_reader", false, device(s.cardReader, "card_reader", source))
                             .key("code_scanner", false,
                                  device(s.codeScanner, "code_scanner", source))
                             .key("receipt_printer", false,
                                  device(s.receiptPrinter, "receipt_printer", source))
                             .key("review_tablet", false,
                                  device(s.reviewTablet, "review_tablet", source))
                             .key("a4_printer", false, device(s.a4Printer, "a4_printer", source))
                             .key("document_camera", false,
                                  device(s.documentCamera, "document_camera", source))
                             .read();
                     }))
            .key("receipt", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             auto& s = config.receipt;
                             return TableReader(t, p, source)
                                 .key("location", false, text(s.location, source))
                                 .key("qr_url_template", false, text(s.qrUrlTemplate, source))
                                 .key("printer_profile", false, text(s.printerProfile, source))
                                 .read();
                         }))
            .key("fleet", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             auto& s = config.fleet.emplace();
                             return TableReader(t, p, source)
                                 .key("mqtt_url", true, text(s.mqttUrl, source))
                                 .key("topic_prefix", true, text(s.topicPrefix, source))
                                 .key("ca_file", false, text(s.caFile, source))
                                 .key("cert_file", false, text(s.certFile, source))
                                 .key("key_file", false, text(s.keyFile, source))
                                 .key("session_expiry_s", false,
                                      bounded(s.sessionExpiryS, FleetSection::kMinSessionExpiryS,
                                              FleetSection::kMaxSessionExpiryS, source))
                                 .read();
                         }))
            .key("session", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             auto& s = config.session;
                             return TableReader(t, p, source)
                                 .key("idle_timeout_s", false,
                                      bounded(s.idleTimeoutS, SessionSection::kMinIdleTimeoutS,
                                              SessionSection::kMaxIdleTimeoutS, source))
                                 .read();
                         }))
            .key("maintenance", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             std::filesystem::path file;
                             auto read = TableReader(t, p, source)
                                             .key("totp_secret_file", false, path(file, source))
                                             .read();
                             if (!file.empty())
                                 config.maintenance.totpSecretFile = file;
                             return read;
                         }))
            .key("remote_config", false,
                 section(source,
                         [&](const toml::table& t, const std::string& p) {
                             return TableReader(t, p, source)
                                 .key("version", false,
                                      counter(config.remoteConfig.version, source))
                                 .read();
                         }))
            .read();
    if (!result)
        return base::fail(result.error());
    if (auto url = checkPlatformUrl(config.platform, source); !url)
        return base::fail(url.error());
    if (auto ref = checkReceiptTemplate(config.receipt, source); !ref)
        return base::fail(ref.error());
    if (auto fleet = checkFleet(config, source); !fleet)
        return base::fail(fleet.error());
    config.devices.receiptPrinterProfile = config.receipt.printerProfile;
    return config;
}

/// Parses TOML text; a syntax error names the source and the line.
base::Result<toml::table> parseToml(std::string_view toml, std::string_view sourceName)
{
    try {
        return toml::parse(toml, sourceName);
    } catch (const toml::parse_error& error) {
        std::ostringstream text;
        text << sourceName << ":" << error.source().begin.line << ": " << error.description();
        return base::fail(ConfigErrc::syntax, text.str());
    }
}

/// The dotted names of every value under `table` (tables are walked into; arrays are values).
void collectKeys(const toml::table& table, const std::string& prefix, std::vector<std::string>& out)
{
    for (const auto& [key, node] : table) {
        const std::string name =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const auto* inner = node.as_table())
            collectKeys(*inner, name, out);
        else
            out.push_back(name);
    }
}

/// Moves `source` into `target`: tables merge key by key, anything else replaces. Moved nodes
/// keep their place in the fragment, so an error about them names the fragment's line.
void mergeTables(toml::table& target, toml::table& source)
{
    for (auto&& [key, node] : source) {
        auto* inner = node.as_table();
        auto* existing = target.get_as<toml::table>(key.str());
        if (inner != nullptr && existing != nullptr)
            mergeTables(*existing, *inner);
        else
            target.insert_or_assign(key, std::move(node));
    }
}

/// A value as TOML text, to tell a changed value from the same one written again.
std::string rendered(toml::node_view<const toml::node> node)
{
    if (!node)
        return {};
    std::ostringstream text;
    text << node;
    return text.str();
}

} // namespace

base::Result<ConfigMerge> mergeConfigFragment(std::string_view current,
                                              std::string_view currentName,
                                              std::string_view fragment,
                                              std::string_view fragmentName)
{
    auto merged = parseToml(current, currentName);
    if (!merged)
        return base::fail(merged.error());
    if (auto valid = readConfig(*merged, currentName); !valid)
        return base::fail(valid.error().withContext("the configuration in use is not valid"));
    const toml::table before = *merged;
    auto patch = parseToml(fragment, fragmentName);
    if (!patch)
        return base::fail(patch.error());
    ConfigMerge result;
    collectKeys(*patch, "", result.keys);
    mergeTables(*merged, *patch);
    // Anything wrong now is the fragment's: `current` was valid on its own.
    if (auto valid = readConfig(*merged, fragmentName); !valid)
        return base::fail(valid.error());
    for (const auto& key : result.keys)
        if (rendered(before.at_path(key)) != rendered(std::as_const(*merged).at_path(key)))
            result.changed.push_back(key);
    std::ostringstream text;
    text << *merged;
    result.toml = text.str() + "\n";
    // The bytes to be written, read back as the kiosk will read them at its next start.
    auto reread = parseConfig(result.toml, currentName);
    if (!reread)
        return base::fail(base::errc::internal,
                          "the merged configuration does not read back (a bug): " +
                              reread.error().message);
    result.config = std::move(*reread);
    return result;
}

const std::error_category& configCategory()
{
    static const ConfigCategory instance;
    return instance;
}

base::Result<Config> parseConfig(std::string_view toml, std::string_view sourceName)
{
    auto root = parseToml(toml, sourceName);
    if (!root)
        return base::fail(root.error());
    return readConfig(*root, sourceName);
}

base::Result<Config> loadConfig(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return base::fail(ConfigErrc::unreadable,
                          "cannot read configuration file " + file.string());
    std::ostringstream contents;
    contents << in.rdbuf();
    return parseConfig(contents.str(), file.string());
}

std::filesystem::path defaultConfigPath()
{
    return "/etc/kiosk/kiosk.toml";
}

} // namespace kiosk::core
