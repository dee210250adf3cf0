// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/bundle_download.h"

#include "offline_queue/curl_uplink.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::core {

namespace {

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct DigestDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

/// Where the bytes go while curl writes them.
struct Sink {
    std::FILE* file = nullptr;
    EVP_MD_CTX* digest = nullptr;
    std::uint64_t bytes = 0;
    std::uint64_t maxBytes = 0;
    bool tooLarge = false;
    std::stop_token stop;
};

size_t writeBody(char* data, size_t size, size_t count, void* user)
{
    auto& sink = *static_cast<Sink*>(user);
    const auto length = size * count;
    if (sink.bytes + length > sink.maxBytes) {
        sink.tooLarge = true;
        return 0; // curl stops with CURLE_WRITE_ERROR
    }
    if (std::fwrite(data, 1, length, sink.file) != length)
        return 0;
    EVP_DigestUpdate(sink.digest, data, length);
    sink.bytes += length;
    return length;
}

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return static_cast<Sink*>(user)->stop.stop_requested() ? 1 : 0;
}

std::string hex(const unsigned char* bytes, unsigned int length)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text.push_back(digits[bytes[i] >> 4]);
        text.push_back(digits[bytes[i] & 0x0f]);
    }
    return text;
}

/// The protocols allowed for `url`: "https", or "http" for a loopback host when allowed.
base::Result<const char*> protocolFor(const std::string& url, bool allowInsecureLoopback)
{
    std::unique_ptr<CURLU, CurlDeleter> handle(curl_url());
    if (curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
        return base::fail(base::errc::invalid_argument, "url: not a valid URL");
    char* scheme = nullptr;
    char* host = nullptr;
    curl_url_get(handle.get(), CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(handle.get(), CURLUPART_HOST, &host, 0);
    const std::string schemeText = scheme ? scheme : "";
    const std::string hostText = host ? host : "";
    curl_free(scheme);
    curl_free(host);
    if (schemeText == "https")
        return "https";
    if (schemeText == "http" && allowInsecureLoopback && queue::isLoopbackAddress(hostText))
        return "http";
    return base::fail(base::errc::invalid_argument, "url: only https:// is allowed");
}

void configure(CURL* curl, const queue::UplinkOptions& tls, const std::string& url,
               const char* protocol, Sink& sink)
{
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocol);
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, protocol);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, tls.userAgent.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(tls.connectTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
    if (!tls.caFile.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, tls.caFile.c_str());
    if (!tls.certFile.empty())
        curl_easy_setopt(curl, CURLOPT_SSLCERT, tls.certFile.c_str());
    if (!tls.keyFile.empty())
        curl_easy_setopt(curl, CURLOPT_SSLKEY, tls.keyFile.c_str());
    // An announced length over the limit is refused before any byte is written.
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(sink.maxBytes));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &sink);
}

base::Error failure(CURLcode code, const Sink& sink, std::uint64_t maxBytes)
{
    if (sink.tooLarge || code == CURLE_FILESIZE_EXCEEDED)
        return {base::errc::invalid_argument,
                "the bundle is larger than the " + std::to_string(maxBytes) + " bytes allowed"};
    if (code == CURLE_ABORTED_BY_CALLBACK)
        return {base::errc::timeout, "download stopped"};
    return {base::errc::io, std::string("download failed: ") + curl_easy_strerror(code)};
}

base::Result<Downloaded> download(const queue::UplinkOptions& tls, const std::string& url,
                                  const std::filesystem::path& file, std::uint64_t maxBytes,
                                  std::stop_token stop)
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    auto protocol = protocolFor(url, tls.allowInsecureLoopback);
    if (!protocol)
        return base::fail(protocol.error());
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    std::unique_ptr<EVP_MD_CTX, DigestDeleter> digest(EVP_MD_CTX_new());
    if (!curl || !digest || EVP_DigestInit_ex(digest.get(), EVP_sha256(), nullptr) != 1)
        return base::fail(base::errc::internal, "download: cannot set up curl or SHA-256");
    const auto previous = ::umask(0077); // the bundle is readable by the kiosk (and root) only
    std::unique_ptr<std::FILE, FileCloser> out(std::fopen(file.c_str(), "wb"));
    ::umask(previous);
    if (!out)
        return base::fail(base::fromErrno("create " + file.string(), errno));
    Sink sink{out.get(), digest.get(), 0, maxBytes, false, std::move(stop)};
    configure(curl.get(), tls, url, *protocol, sink);
    const CURLcode code = curl_easy_perform(curl.get());
    const bool flushed = std::fflush(out.get()) == 0 && ::fsync(::fileno(out.get())) == 0;
    out.reset();
    std::error_code ignored;
    if (code != CURLE_OK || !flushed) {
        std::filesystem::remove(file, ignored);
        if (code == CURLE_OK)
            return base::fail(base::errc::io, "download: writing " + file.string() + " failed");
        return base::fail(failure(code, sink, maxBytes));
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> sum{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(digest.get(), sum.data(), &length);
    return Downloaded{sink.bytes, hex(sum.data(), length)};
}

} // namespace

BundleDownload curlBundleDownload(queue::UplinkOptions tls)
{
    return [tls = std::move(tls)](const std::string& url, const std::filesystem::path& file,
                                  std::uint64_t maxBytes, std::stop_token stop) {
        return download(tls, url, file, maxBytes, std::move(stop));
    };
}

} // namespace kiosk::core
