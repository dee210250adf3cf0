// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/provisioning.h"

#include "base/durable_file.h"
#include "base/secure_buffer.h"
#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/config.h"
#include "kiosk/core/service_catalog.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <toml++/toml.h>

namespace kiosk::core {

namespace {

namespace fs = std::filesystem;

class ProvisioningCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "provisioning"; }
    std::string message(int value) const override
    {
        switch (static_cast<ProvisioningErrc>(value)) {
        case ProvisioningErrc::invalid:
            return "invalid provisioning file";
        case ProvisioningErrc::already_provisioned:
            return "already provisioned";
        case ProvisioningErrc::no_configuration:
            return "no configuration to provision";
        case ProvisioningErrc::io:
            return "cannot write";
        case ProvisioningErrc::no_catalog:
            return "the kiosk would accept no catalog";
        }
        return "unknown provisioning error";
    }
};

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using OwnedPkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

std::unexpected<base::Error> invalid(std::string_view source, const std::string& what)
{
    return base::fail(ProvisioningErrc::invalid, std::string(source) + ": " + what);
}

Bio memoryBio(std::string_view pem)
{
    return {BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free};
}

/// Never asks for a passphrase (OpenSSL's default would prompt on the terminal).
int noPassphrase(char*, int, int, void*)
{
    return -1;
}

std::size_t countOf(std::string_view text, std::string_view what)
{
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1))
        ++count;
    return count;
}

/// Every certificate block in `pem` parses, and there is at least one.
std::vector<X509Ptr> readCertificates(std::string_view pem)
{
    std::vector<X509Ptr> certs;
    auto bio = memoryBio(pem);
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr))
        certs.emplace_back(cert, &X509_free);
    ERR_clear_error();
    if (certs.size() != countOf(pem, "-----BEGIN CERTIFICATE-----"))
        certs.clear();
    return certs;
}

std::string asn1Time(const ASN1_TIME* time)
{
    Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
    ASN1_TIME_print(bio.get(), time);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(size)};
}

std::string subjectOf(X509* cert)
{
    std::array<char, 256> name{};
    X509_NAME_oneline(X509_get_subject_name(cert), name.data(), static_cast<int>(name.size()));
    return name.data();
}

/// The member names a table may hold: all required, nothing else.
base::Result<void> exactKeys(const toml::table& table, std::initializer_list<std::string_view> keys,
                             const std::string& prefix, std::string_view source)
{
    const auto qualified = [&](std::string_view key) {
        return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    };
    for (const auto& [name, node] : table)
        if (std::ranges::find(keys, name.str()) == keys.end())
            return invalid(source, "line " + std::to_string(node.source().begin.line) +
                                       ": unknown member '" + qualified(name.str()) + "'");
    for (const auto key : keys)
        if (!table.contains(key))
            return invalid(source, "missing member '" + qualified(key) + "'");
    return {};
}

base::Result<const toml::table*> tableAt(const toml::table& parent, std::string_view key,
                                         std::string_view source)
{
    const auto* table = parent.get_as<toml::table>(key);
    if (table == nullptr)
        return invalid(source, "'" + std::string(key) + "' must be a table");
    return table;
}

base::Result<std::string> stringAt(const toml::table& table, std::string_view key,
                                   const std::string& prefix, std::string_view source)
{
    const auto* value = table.get_as<std::string>(key);
    if (value == nullptr || value->get().empty())
        return invalid(source,
                       "'" + prefix + "." + std::string(key) + "' must be a non-empty string");
    return value->get();
}

base::Result<void> checkUrl(std::string_view url, std::string_view source)
{
    constexpr std::string_view scheme = "https://";
    const bool clean = std::ranges::none_of(
        url, [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
    if (!url.starts_with(scheme) || !clean)
        return invalid(source, "'platform.url' must be an https:// URL without spaces");
    const auto host = url.substr(scheme.size());
    if (host.empty() || host.front() == '/' || host.front() == ':')
        return invalid(source, "'platform.url' has no host");
    return {};
}

/// The client certificate and key: both parse, the key is the certificate's, it has not expired.
base::Result<void> checkClientPair(Provisioning& out, std::string_view source)
{
    auto certs = readCertificates(out.certPem);
    if (certs.empty())
        return invalid(source, "'platform.cert' is not a PEM certificate");
    auto bio = memoryBio(out.keyPem);
    OwnedPkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr),
                  &EVP_PKEY_free);
    ERR_clear_error();
    if (!key)
        return invalid(
            source, "'platform.key' is not an unencrypted PEM private key (PKCS#8 or traditional)");
    X509* leaf = certs.front().get();
    const bool matches = X509_check_private_key(leaf, key.get()) == 1;
    ERR_clear_error();
    if (!matches)
        return invalid(source,
                       "'platform.key' does not belong to the certificate in 'platform.cert'");
    if (X509_cmp_current_time(X509_get0_notAfter(leaf)) < 0)
        return invalid(source, "the certificate in 'platform.cert' has expired (" +
                                   asn1Time(X509_get0_notAfter(leaf)) + ")");
    out.certSubject = subjectOf(leaf);
    out.certNotAfter = asn1Time(X509_get0_notAfter(leaf));
    return {};
}

bool validKeyId(std::string_view id)
{
    return validKioskId(id) || id == kUnprovisionedId;
}

base::Result<ProvisionedTrustKey> readTrustKey(const toml::node& node, std::size_t index,
                                               std::string_view source)
{
    const std::string prefix = "catalog.trusted_keys[" + std::to_string(index) + "]";
    const auto* table = node.as_table();
    if (table == nullptr)
        return invalid(source, "'" + prefix + "' must be a table");
    if (auto keys = exactKeys(*table, {"id", "alg", "public_key"}, prefix, source); !keys)
        return base::fail(keys.error());
    ProvisionedTrustKey key;
    for (auto [name, out] : {std::pair{"id", &key.id}, std::pair{"alg", &key.alg},
                             std::pair{"public_key", &key.publicKeyPem}}) {
        auto value = stringAt(*table, name, prefix, source);
        if (!value)
            return base::fail(value.error());
        *out = std::move(*value);
    }
    if (!validKeyId(key.id))
        return invalid(source, "'" + prefix + ".id' must be 1 to 64 of A-Z a-z 0-9 . _ -");
    if (key.alg != "ed25519" && key.alg != "sm2")
        return invalid(source, "'" + prefix + ".alg' must be \"ed25519\" or \"sm2\"");
    auto bio = memoryBio(key.publicKeyPem);
    OwnedPkey pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, noPassphrase, nullptr), &EVP_PKEY_free);
    ERR_clear_error();
    if (!pkey)
        return invalid(source, "'" + prefix + ".public_key' is not a PEM public key");
    if (!EVP_PKEY_is_a(pkey.get(), key.alg == "ed25519" ? "ED25519" : "SM2"))
        return invalid(source, "'" + prefix + ".public_key' is not an " + key.alg + " key");
    return key;
}

base::Result<void> readTrustKeys(const toml::table& catalog, Provisioning& out,
                                 std::string_view source)
{
    const auto* keys = catalog.get_as<toml::array>("trusted_keys");
    if (keys == nullptr || keys->empty())
        return invalid(source, "'catalog.trusted_keys' must list at least one key");
    for (std::size_t i = 0; i < keys->size(); ++i) {
        auto key = readTrustKey(*keys->get(i), i, source);
        if (!key)
            return base::fail(key.error());
        const bool duplicate = std::ranges::any_of(
            out.trustKeys, [&](const ProvisionedTrustKey& k) { return k.id == key->id; });
        if (duplicate)
            return invalid(source, "two catalog trust keys have the same id");
        out.trustKeys.push_back(std::move(*key));
    }
    return {};
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// 64 hex digits, as the queue's key file holds 32 bytes (offline_queue/cipher.h).
base::Result<void> readQueueKey(std::string hex, Provisioning& out, std::string_view source)
{
    bool ok = hex.size() == 2 * out.queueKey.size();
    for (std::size_t i = 0; ok && i < out.queueKey.size(); ++i) {
        const int high = hexDigit(hex[2 * i]);
        const int low = hexDigit(hex[2 * i + 1]);
        ok = high >= 0 && low >= 0;
        out.queueKey[i] = static_cast<std::uint8_t>(ok ? high * 16 + low : 0);
    }
    base::secureZero(hex);
    if (ok && std::ranges::all_of(out.queueKey, [](std::uint8_t b) { return b == 0; }))
        ok = false;
    if (!ok)
        return invalid(source, "'queue.key' must be 64 hexadecimal digits (32 random bytes)");
    return {};
}

base::Result<void> readSections(const toml::table& root, Provisioning& out, std::string_view source)
{
    if (auto keys =
            exactKeys(root, {"format", "kiosk", "platform", "catalog", "queue"}, "", source);
        !keys)
        return keys;
    const auto* format = root.get_as<std::int64_t>("format");
    if (format == nullptr || format->get() != 1)
        return invalid(source, "'format' must be 1 (the only format this kioskctl reads)");
    std::array<const toml::table*, 4> t{};
    const std::array<std::string_view, 4> names{"kiosk", "platform", "catalog", "queue"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto table = tableAt(root, names[i], source);
        if (!table)
            return base::fail(table.error());
        t[i] = *table;
    }
    base::Result<void> keys = exactKeys(*t[0], {"id"}, "kiosk", source);
    if (keys)
        keys = exactKeys(*t[1], {"url", "ca", "cert", "key"}, "platform", source);
    if (keys)
        keys = exactKeys(*t[2], {"trusted_keys"}, "catalog", source);
    if (keys)
        keys = exactKeys(*t[3], {"key"}, "queue", source);
    if (!keys)
        return keys;
    const std::array<std::tuple<const toml::table*, const char*, const char*, std::string*>, 5>
        strings{{{t[0], "kiosk", "id", &out.kioskId},
                 {t[1], "platform", "url", &out.platformUrl},
                 {t[1], "platform", "ca", &out.caPem},
                 {t[1], "platform", "cert", &out.certPem},
                 {t[1], "platform", "key", &out.keyPem}}};
    for (const auto& [table, prefix, key, target] : strings) {
        auto value = stringAt(*table, key, prefix, source);
        if (!value)
            return base::fail(value.error());
        *target = std::move(*value);
    }
    auto queueKey = stringAt(*t[3], "key", "queue", source);
    if (!queueKey)
        return base::fail(queueKey.error());
    if (auto key = readQueueKey(std::move(*queueKey), out, source); !key)
        return key;
    return readTrustKeys(*t[2], out, source);
}

base::Result<void> checkContent(Provisioning& out, std::string_view source)
{
    if (!validKioskId(out.kioskId))
        return invalid(source, "'kiosk.id' must be 1 to 64 of A-Z a-z 0-9 . _ - starting with "
                               "a letter or digit, and not UNPROVISIONED");
    if (auto url = checkUrl(out.platformUrl, source); !url)
        return url;
    if (readCertificates(out.caPem).empty())
        return invalid(source, "'platform.ca' is not one or more PEM certificates");
    return checkClientPair(out, source);
}

/// A file to write: its content, its mode, and whether the kiosk's user must own it.
struct Target {
    fs::path path;
    std::string content;
    mode_t mode = 0644;
    bool secret = false;
};

struct Owner {
    uid_t uid = 0;
    gid_t gid = 0;
    bool change = false; ///< running as root: secrets go to data_dir's owner (the kiosk user)
};

base::Result<std::string> readSmallFile(const fs::path& file, std::size_t limit)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return base::fail(base::fromErrno("cannot read " + file.string(), errno));
    std::string text(limit + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > limit)
        return base::fail(ProvisioningErrc::invalid,
                          file.string() + ": larger than " + std::to_string(limit) + " bytes");
    return text;
}

/// Missing folders are made 0700 and, for a secret, given to its owner (the queue key's).
base::Result<void> makeFolders(const fs::path& dir, const Owner& owner, bool secret)
{
    if (dir.empty() || fs::exists(dir))
        return {};
    if (auto parent = makeFolders(dir.parent_path(), owner, secret); !parent)
        return parent;
    if (::mkdir(dir.c_str(), secret ? 0700 : 0755) != 0 && errno != EEXIST)
        return base::fail(base::fromErrno("mkdir " + dir.string(), errno));
    if (secret && owner.change && ::chown(dir.c_str(), owner.uid, owner.gid) != 0)
        return base::fail(base::fromErrno("chown " + dir.string(), errno));
    return {};
}

/// temp file in the same folder, mode and owner set before the content, fsync, rename, fsync
/// of the folder: a power cut leaves the old file or the new one, never half of one.
base::Result<void> writeAtomically(const Target& target, const Owner& owner)
{
    const fs::path dir = target.path.has_parent_path() ? target.path.parent_path() : fs::path(".");
    if (auto folders = makeFolders(dir, owner, target.secret); !folders)
        return folders;
    base::ReplaceOptions how;
    how.mode = target.mode;
    if (target.secret && owner.change)
        how.owner = base::FileOwner{owner.uid, owner.gid};
    if (auto written = base::replaceFile(target.path, target.content, how); !written)
        return base::fail(
            base::Error{make_error_code(ProvisioningErrc::io), written.error().message});
    return {};
}

/// Overwrites the source with zeros, syncs, unlinks. Returns why not, or "".
std::string wipe(const fs::path& source)
{
    const auto why = [&](const char* step, int error) {
        return std::string(step) + " " + source.string() + ": " + std::strerror(error) +
               (error == EROFS ? " (read-only medium: remove the file by hand)" : "");
    };
    const int fd = ::open(source.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return why("cannot open", errno);
    struct stat info {};
    std::string problem;
    if (::fstat(fd, &info) == 0 && info.st_size > 0) {
        const std::string zeros(static_cast<std::size_t>(info.st_size), '\0');
        if (auto done = base::writeAllAndSync(fd, zeros, source.string()); !done)
            problem = "cannot overwrite " + source.string() + ": " + done.error().message;
    }
    ::close(fd);
    if (problem.empty() && ::unlink(source.c_str()) != 0)
        problem = why("cannot remove", errno);
    return problem;
}

Owner ownerOf(const fs::path& dataDir)
{
    Owner owner{.uid = ::geteuid(), .gid = ::getegid(), .change = false};
    struct stat info {};
    if (::geteuid() == 0 && ::stat(dataDir.c_str(), &info) == 0)
        owner = Owner{.uid = info.st_uid, .gid = info.st_gid, .change = true};
    return owner;
}

struct Plan {
    std::vector<Target> files; ///< the configuration last: it makes the kiosk provisioned
    fs::path queueKeyFile;
    Config config; ///< the configuration as it will be written
};

/// The configuration keys provisioning sets, as a fragment merged over the one in use.
std::string fragmentFor(const Provisioning& p, const fs::path& dir)
{
    toml::array keys;
    for (const auto& key : p.trustKeys)
        keys.push_back(
            toml::table{{"id", key.id},
                        {"alg", key.alg},
                        {"public_key_file", (dir / "keys" / (key.id + ".pem")).string()}});
    const toml::table fragment{
        {"kiosk", toml::table{{"id", p.kioskId}}},
        {"platform", toml::table{{"url", p.platformUrl},
                                 {"ca_file", (dir / "platform-ca.pem").string()},
                                 {"cert_file", (dir / "kiosk.pem").string()},
                                 {"key_file", (dir / "kiosk.key").string()}}},
        {"catalog", toml::table{{"trusted_keys", keys}}}};
    std::ostringstream text;
    text << fragment;
    return text.str();
}

base::Result<Plan> planFor(const Provisioning& p, const fs::path& configFile,
                           std::string_view currentText, const Config& current)
{
    const fs::path dir = fs::absolute(configFile).parent_path();
    auto merged = mergeConfigFragment(currentText, configFile.string(), fragmentFor(p, dir),
                                      "the provisioned configuration");
    if (!merged)
        return base::fail(ProvisioningErrc::invalid, merged.error().message);
    struct stat info {};
    const mode_t configMode =
        ::stat(configFile.c_str(), &info) == 0 ? (info.st_mode & 0777) : mode_t{0644};
    Plan plan;
    plan.config = std::move(merged->config);
    plan.queueKeyFile = current.queue.keyFile;
    plan.files.push_back({dir / "platform-ca.pem", p.caPem, 0644, false});
    plan.files.push_back({dir / "kiosk.pem", p.certPem, 0644, false});
    for (const auto& key : p.trustKeys)
        plan.files.push_back({dir / "keys" / (key.id + ".pem"), key.publicKeyPem, 0644, false});
    plan.files.push_back({dir / "kiosk.key", p.keyPem, 0600, true});
    plan.files.push_back(
        {plan.queueKeyFile,
         std::string(reinterpret_cast<const char*>(p.queueKey.data()), p.queueKey.size()), 0600,
         true});
    plan.files.push_back({configFile, merged->toml, configMode, false});
    return plan;
}

/// The provisioned configuration's trust keys, carrying the file's PEMs: none is written yet.
std::vector<TrustedKey> inMemory(std::vector<TrustedKey> keys, const Provisioning& p)
{
    for (auto& key : keys) {
        const auto given = std::ranges::find(p.trustKeys, key.id, &ProvisionedTrustKey::id);
        if (given != p.trustKeys.end())
            key.publicKeyPem = given->publicKeyPem;
    }
    return keys;
}

/// With the file's trust keys the kiosk must have a catalog it accepts (specs/config.md: only
/// signed ones then), else it could not start: the shipped plain catalog is no floor. The
/// offered envelope must verify; without one, the catalog the kiosk would start with must.
base::Result<void> checkCatalog(Config config, const Provisioning& p,
                                const ProvisionOptions& options, ProvisionReport& report)
{
    config.catalog.trustedKeys = inMemory(std::move(config.catalog.trustedKeys), p);
    if (options.catalogEnvelope) {
        auto verified = verifyEnvelopeText(*options.catalogEnvelope, config.catalog.trustedKeys);
        if (!verified)
            return base::fail(ProvisioningErrc::no_catalog,
                              "the catalog given does not verify with the provisioned trust "
                              "keys: " +
                                  verified.error().message);
        report.catalogVersion = verified->catalog.catalogVersion;
        return {};
    }
    auto found = findServiceCatalog(config);
    if (!found)
        return base::fail(
            ProvisioningErrc::no_catalog,
            "after this provisioning the kiosk would accept no catalog: " + found.error().message +
                ", and no signed catalog installed under " +
                (config.kiosk.dataDir / "catalog").string() +
                " verifies with the file's trust keys (a kiosk with trust keys accepts only "
                "signed catalogs); put a catalog signed with one of the file's trust keys "
                "beside it as " +
                std::string(kCatalogEnvelopeFileName) + ", or give it with --catalog");
    report.catalogVersion = found->catalog.catalogVersion;
    report.catalogSource = found->source;
    return {};
}

bool differentQueueKey(const fs::path& file, const Provisioning& p)
{
    auto existing = readSmallFile(file, 64);
    if (!existing)
        return false;
    const bool same =
        existing->size() == p.queueKey.size() &&
        std::equal(existing->begin(), existing->end(), p.queueKey.begin(),
                   [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
    base::secureZero(*existing);
    return !same;
}

} // namespace

const std::error_category& provisioningCategory()
{
    static const ProvisioningCategory category;
    return category;
}

Provisioning::~Provisioning()
{
    base::secureZero(keyPem);
    base::secureZero(queueKey.data(), queueKey.size());
}

bool validKioskId(std::string_view id)
{
    const auto allowed = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    };
    return !id.empty() && id.size() <= 64 && id != kUnprovisionedId &&
           std::ranges::all_of(id, allowed) && id.front() != '.' && id.front() != '_' &&
           id.front() != '-';
}

base::Result<Provisioning> parseProvisioning(std::string_view text, std::string_view sourceName)
{
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& error) {
        // Only the place: the description may quote the text, and the text holds secrets.
        return invalid(sourceName, "not valid TOML at line " +
                                       std::to_string(error.source().begin.line) + ", column " +
                                       std::to_string(error.source().begin.column));
    }
    Provisioning out;
    if (auto read = readSections(root, out, sourceName); !read)
        return base::fail(read.error());
    if (auto checked = checkContent(out, sourceName); !checked)
        return base::fail(checked.error());
    return out;
}

} // namespace kiosk::core

namespace kiosk::core {

base::Result<ProvisionReport> provision(const std::filesystem::path& source,
                                        const ProvisionOptions& options)
{
    auto text = readSmallFile(source, 1024 * 1024);
    if (!text)
        return base::fail(text.error());
    auto parsed = parseProvisioning(*text, source.string());
    base::secureZero(*text);
    if (!parsed)
        return base::fail(parsed.error());
    auto currentText = readSmallFile(options.configFile, 1024 * 1024);
    auto current = currentText ? parseConfig(*currentText, options.configFile.string())
                               : base::Result<Config>(base::fail(currentText.error()));
    if (!current)
        return base::fail(ProvisioningErrc::no_configuration,
                          "no valid configuration to provision (" + current.error().message + ")");
    ProvisionReport report;
    if (current->kiosk.id != kUnprovisionedId) {
        if (!options.replace)
            return base::fail(ProvisioningErrc::already_provisioned,
                              options.configFile.string() + " is provisioned already, as kiosk " +
                                  current->kiosk.id + " of " + current->platform.url +
                                  "; a technician provisions it again with --replace");
        report.previousKioskId = current->kiosk.id;
    }
    auto plan = planFor(*parsed, options.configFile, *currentText, *current);
    if (!plan)
        return base::fail(plan.error());
    if (auto catalog = checkCatalog(plan->config, *parsed, options, report); !catalog)
        return base::fail(catalog.error());
    report.queueKeyChanged = differentQueueKey(plan->queueKeyFile, *parsed);
    const Owner owner = ownerOf(current->kiosk.dataDir);
    base::Result<void> written;
    for (auto& file : plan->files) {
        if (written)
            written = writeAtomically(file, owner);
        if (written)
            report.written.push_back(file.path);
        if (file.secret) // every copy of a secret, also after a failed write
            base::secureZero(file.content);
    }
    if (!written)
        return base::fail(written.error());
    report.kioskId = parsed->kioskId;
    report.platformUrl = parsed->platformUrl;
    report.certSubject = parsed->certSubject;
    report.certNotAfter = parsed->certNotAfter;
    report.wipeProblem = wipe(source);
    report.sourceWiped = report.wipeProblem.empty();
    return report;
}

} // namespace kiosk::core
