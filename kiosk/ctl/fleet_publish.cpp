// SPDX-License-Identifier: Apache-2.0
#include "kiosk/ctl/fleet_publish.h"

#include "base/json_reader.h"
#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/catalog_store.h"
#include "kiosk/core/config.h"
#include "kiosk/ctl/output.h"

#include <CLI/CLI.hpp>
#include <curl/curl.h>

#include <iostream>
#include <memory>

namespace kiosk::ctl {

namespace {

constexpr std::size_t maxPublishBytes = 16 * 1024 * 1024;

struct PublishOptions {
    std::string envelope;
    std::string platform;
    std::string config;
    std::vector<std::string> trustedKeys; ///< KEYID:ALG:PEMFILE
    std::string caFile;
    std::string certFile;
    std::string keyFile;
    int timeoutS = 30;
    bool json = false;
};

base::Error usageError(std::string message)
{
    return base::Error{make_error_code(base::errc::invalid_argument), std::move(message)};
}

/// The keys to check the signature with: --config's [[catalog.trusted_keys]] and each
/// --trusted-key.
base::Result<std::vector<core::TrustedKey>> trustedKeys(const PublishOptions& options)
{
    std::vector<core::TrustedKey> keys;
    if (!options.config.empty()) {
        auto config = core::loadConfig(options.config);
        if (!config)
            return base::fail(config.error());
        keys = config->catalog.trustedKeys;
    }
    for (const std::string& spec : options.trustedKeys) {
        const auto first = spec.find(':');
        const auto second = first == std::string::npos ? first : spec.find(':', first + 1);
        if (second == std::string::npos || first == 0 || second == first + 1 ||
            second + 1 == spec.size())
            return base::fail(usageError("--trusted-key: expected KEYID:ALG:PEMFILE"));
        keys.push_back(core::TrustedKey{.id = spec.substr(0, first),
                                        .alg = spec.substr(first + 1, second - first - 1),
                                        .publicKeyFile = spec.substr(second + 1),
                                        .publicKeyPem = {}});
    }
    return keys;
}

/// The envelope must verify against the given keys; without keys it must at least be an
/// envelope whose payload is a valid catalog. Returns the catalog version.
base::Result<long long> checkEnvelope(const std::string& text,
                                      const std::vector<core::TrustedKey>& keys)
{
    if (!keys.empty()) {
        auto verified = core::verifyEnvelopeText(text, keys);
        if (!verified)
            return base::fail(verified.error());
        return static_cast<long long>(verified->catalog.catalogVersion);
    }
    auto envelope = core::parseEnvelope(text);
    if (!envelope)
        return base::fail(envelope.error());
    auto catalog = core::parseCatalog(envelope->payload);
    if (!catalog)
        return base::fail(catalog.error().withContext("the envelope's payload"));
    return static_cast<long long>(catalog->catalogVersion);
}

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* out)
{
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

struct HttpAnswer {
    long status = 0;
    std::string body;
};

base::Result<HttpAnswer> postEnvelope(const PublishOptions& options, const std::string& text)
{
    const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                   &curl_easy_cleanup);
    if (!curl)
        return base::fail(base::errc::io, "cannot start libcurl");
    std::string url = options.platform;
    while (url.ends_with('/'))
        url.pop_back();
    url += "/admin/catalog";
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headerList(
        headers, &curl_slist_free_all);
    HttpAnswer answer;
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, text.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(text.size()));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(options.timeoutS));
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &appendBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer.body);
    if (!options.caFile.empty())
        curl_easy_setopt(curl.get(), CURLOPT_CAINFO, options.caFile.c_str());
    if (!options.certFile.empty())
        curl_easy_setopt(curl.get(), CURLOPT_SSLCERT, options.certFile.c_str());
    if (!options.keyFile.empty())
        curl_easy_setopt(curl.get(), CURLOPT_SSLKEY, options.keyFile.c_str());
    if (const CURLcode code = curl_easy_perform(curl.get()); code != CURLE_OK)
        return base::fail(base::errc::io,
                          url + ": " +
                              (error[0] != '\0' ? std::string(error) : curl_easy_strerror(code)));
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &answer.status);
    return answer;
}

/// The platform's refusal, from its {"code","message"} body when it has one.
std::string refusal(const HttpAnswer& answer)
{
    std::string text = "the platform refused the catalog (HTTP " + std::to_string(answer.status);
    const auto body = base::json::parseObject(answer.body);
    if (body) {
        const base::json::Reader reader(*body);
        if (auto code = reader.token("code"); code)
            text += " " + *code;
        if (auto message = reader.string("message", 512); message)
            text += ": " + *message;
    }
    return text + ")";
}

int runPublish(const PublishOptions& options)
{
    auto keys = trustedKeys(options);
    if (!keys)
        return printError(keys.error(), options.json, BadUsage);
    auto text = core::readFileLimited(options.envelope, maxPublishBytes);
    if (!text)
        return printError(text.error(), options.json);
    auto version = checkEnvelope(*text, *keys);
    if (!version)
        return printError(version.error().withContext(options.envelope + ": not published"),
                          options.json);
    auto answer = postEnvelope(options, *text);
    if (!answer)
        return printError(answer.error(), options.json);
    if (answer->status != 200)
        return printError(base::Error{make_error_code(base::errc::io), refusal(*answer)},
                          options.json);
    const auto body = base::json::parseObject(answer->body);
    std::string etag;
    if (body) {
        if (auto tag = base::json::Reader(*body).string("etag", 128); tag)
            etag = std::move(*tag);
    }
    const bool signatureChecked = !keys->empty();
    if (options.json) {
        printJson(
            {{"catalogVersion", *version}, {"etag", etag}, {"signatureChecked", signatureChecked}});
        return Ok;
    }
    std::cout << "published catalog " << *version << " (ETag " << etag << ")"
              << (signatureChecked ? "" : "; signature not checked: no trusted keys given") << "\n";
    return Ok;
}

} // namespace

void addFleetPublishCommand(CLI::App& fleet, int& exitCode)
{
    auto options = std::make_shared<PublishOptions>();
    auto* publish = fleet.add_subcommand(
        "publish-catalog", "Check a signed catalog envelope and publish it on the platform");
    publish->add_option("ENVELOPE", options->envelope, "Signed catalog envelope")->required();
    publish->add_option("--platform", options->platform, "The platform's base URL")->required();
    publish->add_option("--config", options->config,
                        "Check the signature with this kiosk.toml's [[catalog.trusted_keys]]");
    publish->add_option("--trusted-key", options->trustedKeys,
                        "KEYID:ALG:PEMFILE, a public key to check the signature with");
    publish->add_option("--ca", options->caFile, "CA of the platform's certificate");
    publish->add_option("--cert", options->certFile, "The administrator's client certificate");
    publish->add_option("--key", options->keyFile, "Its key");
    publish->add_option("--timeout-s", options->timeoutS, "Give up after this long")
        ->capture_default_str()
        ->check(CLI::Range(1, 600));
    publish->add_flag("--json", options->json, "Machine-readable output");
    publish->callback([options, &exitCode] { exitCode = runPublish(*options); });
}

} // namespace kiosk::ctl
