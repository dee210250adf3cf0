// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/curl_uplink.h"

#include <curl/curl.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <mutex>

namespace queue {

namespace {

class UplinkCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "uplink"; }
    std::string message(int value) const override
    {
        switch (static_cast<UplinkErrc>(value)) {
        case UplinkErrc::link:
            return "platform unreachable";
        case UplinkErrc::refused_config:
            return "platform settings refused";
        case UplinkErrc::rejected:
            return "the platform refused the request";
        case UplinkErrc::malformed:
            return "the platform's answer is malformed";
        }
        return "uplink error";
    }
};

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
template <class T> using CurlPtr = std::unique_ptr<T, CurlDeleter>;

/// The scheme and host of a URL, parsed by libcurl's own URL parser.
base::Result<std::pair<std::string, std::string>> schemeAndHost(const std::string& url)
{
    CurlPtr<CURLU> handle(curl_url());
    if (curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
        return base::fail(UplinkErrc::refused_config,
                          "platform.url \"" + url + "\" is not a valid URL");
    char* scheme = nullptr;
    char* host = nullptr;
    curl_url_get(handle.get(), CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(handle.get(), CURLUPART_HOST, &host, 0);
    std::pair<std::string, std::string> parts{scheme ? scheme : "", host ? host : ""};
    curl_free(scheme);
    curl_free(host);
    return parts;
}

size_t appendBody(char* data, size_t size, size_t count, void* user)
{
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

std::string lowerCase(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return lower;
}

/// Where readHeader() puts what it collects, and the clock a Retry-After date is read against.
struct HeaderSink {
    UplinkResponse* response = nullptr;
    const base::Clock* clock = nullptr;
};

/// Collects the headers the client needs (Retry-After, Content-Type, ETag, X-Document-Id).
size_t readHeader(char* data, size_t size, size_t count, void* user)
{
    const auto& sink = *static_cast<HeaderSink*>(user);
    auto& response = *sink.response;
    const std::string_view line(data, size * count);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        const auto name = lowerCase(line.substr(0, colon));
        auto value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() &&
               (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
            value.remove_suffix(1);
        if (name == "retry-after")
            response.retryAfter = parseRetryAfter(value, sink.clock->now());
        else if (name == "content-type")
            response.contentType = std::string(value);
        else if (name == "etag")
            response.etag = std::string(value);
        else if (name == "x-document-id")
            response.documentId = std::string(value);
    }
    return size * count;
}

} // namespace

const std::error_category& uplinkCategory()
{
    static const UplinkCategory instance;
    return instance;
}

bool isLoopbackAddress(std::string_view host)
{
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string text(host);
    in_addr v4{};
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, text.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value,
                                                    std::chrono::system_clock::time_point now)
{
    std::int64_t seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error == std::errc{} && end == value.data() + value.size() && seconds >= 0)
        return std::chrono::seconds(seconds);
    const std::time_t date = curl_getdate(std::string(value).c_str(), nullptr);
    if (date < 0)
        return std::nullopt;
    const auto wait = std::chrono::system_clock::from_time_t(date) - now;
    return std::max(std::chrono::seconds(0),
                    std::chrono::duration_cast<std::chrono::seconds>(wait));
}

base::Result<std::unique_ptr<CurlUplink>> CurlUplink::create(UplinkOptions options)
{
    initCurlOnce();
    if (options.clock == nullptr)
        options.clock = &base::systemClock();
    auto parts = schemeAndHost(options.baseUrl);
    if (!parts)
        return base::fail(parts.error());
    const auto& [scheme, host] = *parts;
    if (scheme == "http") {
        if (!options.allowInsecureLoopback)
            return base::fail(
                UplinkErrc::refused_config,
                "platform.url uses plain http; only https is allowed unless "
                "platform.allow_insecure_loopback = true and the host is a loopback address");
        if (!isLoopbackAddress(host))
            return base::fail(UplinkErrc::refused_config,
                              "plain http is allowed only to 127.0.0.0/8 or ::1, not to \"" + host +
                                  "\"");
    } else if (scheme != "https") {
        return base::fail(UplinkErrc::refused_config,
                          "platform.url must be https:// (got \"" + scheme + "\")");
    }
    while (!options.baseUrl.empty() && options.baseUrl.back() == '/')
        options.baseUrl.pop_back();
    return std::unique_ptr<CurlUplink>(new CurlUplink(std::move(options)));
}

/// Idle multi handles. take() lends one (making a new one when all are lent); give() returns it
/// with its connections still open for the next call.
class CurlUplink::MultiPool {
public:
    explicit MultiPool(long maxHostConnections) : maxHostConnections_(maxHostConnections) {}
    MultiPool(const MultiPool&) = delete;
    MultiPool& operator=(const MultiPool&) = delete;
    ~MultiPool()
    {
        for (CURLM* multi : idle_)
            curl_multi_cleanup(multi);
    }
    CURLM* take()
    {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                CURLM* multi = idle_.back();
                idle_.pop_back();
                return multi;
            }
        }
        CURLM* multi = curl_multi_init();
        if (multi != nullptr) {
            curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
            curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxHostConnections_);
        }
        return multi;
    }
    void give(CURLM* multi)
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(multi);
    }

private:
    long maxHostConnections_;
    std::mutex mutex_;
    std::vector<CURLM*> idle_;
};

CurlUplink::CurlUplink(UplinkOptions options)
    : options_(std::move(options)), pool_(std::make_unique<MultiPool>(static_cast<long>(
                                        std::max<std::size_t>(options_.maxInFlight, 1))))
{
}

CurlUplink::~CurlUplink() = default;

/// One transfer: the easy handle and everything it points into, kept alive together.
struct CurlUplink::Transfer {
    CurlPtr<CURL> curl{curl_easy_init()};
    CurlPtr<curl_slist> headers;
    std::string url;
    UplinkResponse response;
    HeaderSink headerSink;
    std::size_t index = 0;
};

void CurlUplink::prepare(Transfer& transfer, const UplinkRequest& request) const
{
    CURL* c = transfer.curl.get();
    transfer.url = options_.baseUrl + request.path;
    auto addHeader = [&](const std::string& header) {
        transfer.headers.reset(curl_slist_append(transfer.headers.release(), header.c_str()));
    };
    addHeader("X-Kiosk-Id: " + options_.kioskId);
    addHeader("Accept: application/json");
    addHeader("Expect:"); // no 100-continue round trip for material uploads
    if (!request.body.empty() || request.method != "GET")
        addHeader("Content-Type: " + request.contentType);
    if (!request.idempotencyKey.empty())
        addHeader("Idempotency-Key: " + request.idempotencyKey);
    if (!request.ifNoneMatch.empty())
        addHeader("If-None-Match: " + request.ifNoneMatch);

    curl_easy_setopt(c, CURLOPT_URL, transfer.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
                     options_.allowInsecureLoopback ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, options_.userAgent.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, transfer.headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connectTimeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.requestTimeout.count()));
    curl_easy_setopt(c, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
    // h2 when the server offers it over TLS (ALPN); plain http stays HTTP/1.1.
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(c, CURLOPT_PIPEWAIT, 1L);
    if (!options_.caFile.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO, options_.caFile.c_str());
    if (!options_.certFile.empty())
        curl_easy_setopt(c, CURLOPT_SSLCERT, options_.certFile.c_str());
    if (!options_.keyFile.empty())
        curl_easy_setopt(c, CURLOPT_SSLKEY, options_.keyFile.c_str());
    if (request.method == "GET") {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer.response.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, readHeader);
    transfer.headerSink = {&transfer.response, options_.clock};
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer.headerSink);
}

namespace {

HttpVersion httpVersionOf(CURL* curl)
{
    long version = 0;
    curl_easy_getinfo(curl, CURLINFO_HTTP_VERSION, &version);
    switch (version) {
    case CURL_HTTP_VERSION_1_0:
        return HttpVersion::Http1_0;
    case CURL_HTTP_VERSION_1_1:
        return HttpVersion::Http1_1;
    case CURL_HTTP_VERSION_2_0:
        return HttpVersion::Http2;
    case CURL_HTTP_VERSION_3:
        return HttpVersion::Http3;
    default:
        return HttpVersion::Unknown;
    }
}

/// The answer of a finished transfer; counts the connections it opened into `connections`.
base::Result<UplinkResponse> outcome(CURLcode rc, CURL* curl, UplinkResponse response,
                                     const UplinkRequest& request, std::atomic<long>& connections)
{
    long opened = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &opened);
    connections += opened;
    if (rc != CURLE_OK)
        return base::fail(UplinkErrc::link,
                          request.method + " " + request.path + ": " + curl_easy_strerror(rc));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    response.httpVersion = httpVersionOf(curl);
    return response;
}

std::unexpected<base::Error> stopped(const UplinkRequest& request)
{
    return base::fail(UplinkErrc::link,
                      request.method + " " + request.path + ": abandoned, the kiosk is stopping");
}

} // namespace

base::Result<UplinkResponse> CurlUplink::send(const UplinkRequest& request, std::stop_token stop)
{
    auto answers = sendAll(std::span(&request, 1), std::move(stop));
    return std::move(answers.front());
}

std::vector<base::Result<UplinkResponse>>
CurlUplink::sendAll(std::span<const UplinkRequest> requests, std::stop_token stop)
{
    std::vector<base::Result<UplinkResponse>> answers(
        requests.size(), base::fail(UplinkErrc::link, "libcurl could not start a transfer"));
    CURLM* multi = pool_->take();
    if (multi == nullptr)
        return answers;
    // curl_multi_wakeup() is thread-safe: it ends the curl_multi_poll() below at once.
    const std::stop_callback wake(stop, [multi] { curl_multi_wakeup(multi); });
    std::vector<std::unique_ptr<Transfer>> active;
    std::size_t next = 0;
    const std::size_t limit = std::max<std::size_t>(options_.maxInFlight, 1);
    while ((next < requests.size() || !active.empty()) && !stop.stop_requested()) {
        while (active.size() < limit && next < requests.size()) {
            auto transfer = std::make_unique<Transfer>();
            transfer->index = next++;
            if (!transfer->curl)
                continue;
            prepare(*transfer, requests[transfer->index]);
            curl_easy_setopt(transfer->curl.get(), CURLOPT_PRIVATE, transfer.get());
            curl_multi_add_handle(multi, transfer->curl.get());
            active.push_back(std::move(transfer));
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            Transfer* done = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &done);
            const CURLcode rc = message->data.result;
            curl_multi_remove_handle(multi, done->curl.get());
            answers[done->index] = outcome(rc, done->curl.get(), std::move(done->response),
                                           requests[done->index], connectionsOpened_);
            std::erase_if(active, [done](const auto& t) { return t.get() == done; });
        }
        if (!active.empty())
            curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    // Stopped: whatever is still running or not yet started is abandoned, and says so.
    for (const auto& transfer : active) {
        curl_multi_remove_handle(multi, transfer->curl.get());
        answers[transfer->index] = stopped(requests[transfer->index]);
    }
    for (; next < requests.size(); ++next)
        answers[next] = stopped(requests[next]);
    pool_->give(multi);
    return answers;
}

} // namespace queue
