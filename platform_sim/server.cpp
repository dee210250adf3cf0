// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/server.h"

#include "base/log.h"
#include "platform_sim/catalog.h"
#include "platform_sim/file_io.h"
#include "platform_sim/state.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <httplib.h>
#include <mutex>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <thread>

namespace platform_sim {

namespace {
using nlohmann::json;
using ApiHandler = std::function<Reply(const httplib::Request&)>;

constexpr const char* serverLog = "platform-sim";
constexpr const char* host = "127.0.0.1";
// cpp-httplib refuses larger bodies itself (413 without a body) before reading them; below
// this, the material endpoint answers its own 413 for anything over the contract's 10 MiB.
constexpr std::size_t maxPayloadBytes = 32 * 1024 * 1024;
// cpp-httplib's default pool has 8 workers, and an idle keep-alive connection holds one; with
// injected latency that would serialise a kiosk's concurrent uploads. Workers are cheap here.
constexpr std::size_t workerThreads = 64;

void write(const Reply& reply, httplib::Response& res)
{
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers)
        res.set_header(name.c_str(), value);
    if (!reply.body.empty())
        res.set_content(reply.body, reply.contentType.c_str());
}

/// Makes the client lose the answer to a request that was processed. cpp-httplib sends the
/// status line and headers, then asks the content provider for the body; a provider that
/// returns false after half of it makes the server close the connection, so the client sees
/// a truncated transfer, as when the link drops while the answer is on its way.
void cutShort(httplib::Response& res)
{
    auto body = std::make_shared<std::string>(std::move(res.body));
    res.body.clear();
    std::string type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");
    res.set_content_provider(std::max<std::size_t>(body->size(), 1),
                             type.empty() ? "application/json" : type,
                             [body](std::size_t, std::size_t, httplib::DataSink& sink) {
                                 sink.write(body->data(), body->size() / 2);
                                 return false;
                             });
}

std::optional<Reply> authenticate(const httplib::Request& req, const std::string& expectedKiosk)
{
    const std::string kioskId = req.get_header_value("X-Kiosk-Id");
    if (kioskId.empty())
        return errorReply(401, "unauthenticated", "every request must carry X-Kiosk-Id");
    if (!expectedKiosk.empty() && kioskId != expectedKiosk)
        return errorReply(403, "unknown_kiosk", "this kiosk id is not registered here");
    return std::nullopt;
}

Call makeCall(const httplib::Request& req)
{
    return {req.get_header_value("X-Kiosk-Id"), req.get_header_value("Idempotency-Key"), req.body};
}

std::string opensslError()
{
    char text[256] = "unknown OpenSSL error";
    if (const unsigned long code = ERR_get_error(); code != 0)
        ERR_error_string_n(code, text, sizeof text);
    return text;
}

bool configureTls(SSL_CTX& ctx, const TlsOptions& tls)
{
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION); // the contract: TLS 1.2 or newer
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION);
    if (SSL_CTX_use_certificate_chain_file(&ctx, tls.certFile.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(&ctx, tls.keyFile.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(&ctx) != 1)
        return false;
    if (tls.clientCaFile.empty())
        return true;
    if (SSL_CTX_load_verify_locations(&ctx, tls.clientCaFile.c_str(), nullptr) != 1)
        return false;
    // Name the accepted CA to clients, then refuse every handshake without a valid certificate.
    SSL_CTX_set_client_CA_list(&ctx, SSL_load_client_CA_file(tls.clientCaFile.c_str()));
    SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    return true;
}

base::Result<std::unique_ptr<httplib::Server>> makeHttpServer(const std::optional<TlsOptions>& tls)
{
    if (!tls)
        return std::make_unique<httplib::Server>();
    auto server =
        std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) { return configureTls(ctx, *tls); });
    if (!server->is_valid())
        return base::fail(base::errc::invalid_argument,
                          "platform-sim: TLS setup failed (" + tls->certFile + ", " + tls->keyFile +
                              ", " + tls->clientCaFile + "): " + opensslError());
    return std::unique_ptr<httplib::Server>(std::move(server));
}

base::Result<void> checkCatalogFile(const std::string& path)
{
    if (path.empty())
        return {};
    if (auto bytes = readFile(path); !bytes)
        return base::fail(bytes.error().withContext("platform-sim: catalog"));
    return {};
}

bool isText(const json& value)
{
    return value.is_string() && !value.get_ref<const std::string&>().empty();
}

/// SO_REUSEADDR only: a restarted simulator rebinds its port despite TIME_WAIT connections,
/// while a second one on a taken port fails (cpp-httplib's default, SO_REUSEPORT, would let
/// both listen and split the connections).
void reuseAddress(socket_t sock)
{
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

/// cpp-httplib 0.11 reads a POST or PUT without Content-Length until the client closes or its
/// 5 s read timeout, then answers 400; `curl -X POST` without -d sends exactly that. It runs
/// before the body is read, so answer at once and say what to send.
httplib::Server::HandlerResponse requireLength(const httplib::Request& req, httplib::Response& res)
{
    const bool sendsBody = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (!sendsBody || req.has_header("Content-Length") || req.has_header("Transfer-Encoding"))
        return httplib::Server::HandlerResponse::Unhandled;
    write(errorReply(411, "length_required", "send a body with Content-Length (curl: -d '{}')"),
          res);
    return httplib::Server::HandlerResponse::Handled;
}

void logRequest(const httplib::Request& req, const httplib::Response& res)
{
    // Method, path and status only: bodies and query strings carry personal data.
    base::log::info(serverLog, req.method + " " + req.path + " " + std::to_string(res.status));
}

void answerException(const httplib::Request& req, httplib::Response& res, std::exception_ptr)
{
    // The exception's text is not logged: parser messages may quote the request body.
    base::log::error(serverLog, "handler failed for " + req.method + " " + req.path);
    write(errorReply(500, "internal", "platform-sim failed to handle this request"), res);
}
} // namespace

struct Server::Impl {
    Impl(Options o, std::unique_ptr<State> s, std::unique_ptr<httplib::Server> h)
        : options(std::move(o)), state(std::move(s)), http(std::move(h)), identities(*options.clock)
    {
    }
    ~Impl() { stop(); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    base::Result<void> listen();
    base::Result<void> waitUntilListening() const;
    void stop();
    void registerRoutes();
    void registerApiRoutes();
    void registerAdminRoutes();
    httplib::Server::Handler api(ApiHandler handler);
    void serveApi(const httplib::Request& req, httplib::Response& res, const ApiHandler& handler);
    Reply heartbeat(const httplib::Request& req);
    Reply postFaults(const httplib::Request& req);
    Reply postCommand(const httplib::Request& req);
    Reply postCatalog(const httplib::Request& req);
    Reply getCatalog(const httplib::Request& req);

    const Options options;
    const std::unique_ptr<State> state;
    const std::unique_ptr<httplib::Server> http;
    FaultInjector faults;
    IdentityTokens identities; ///< memory only, like the heartbeats
    int port = -1;
    socket_t listeningSocket = -1;
    std::thread thread;
    std::atomic<bool> loopEnded{false};
    std::mutex stopMutex;
    std::mutex catalogMutex;
    std::optional<std::string> publishedCatalog; ///< POST /admin/catalog without a catalog file
};

base::Result<void> Server::Impl::listen()
{
    faults.set(options.faults);
    http->set_payload_max_length(maxPayloadBytes);
    http->new_task_queue = [] {
        return new httplib::ThreadPool(workerThreads);
    };
    // cpp-httplib writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and delayed ACKs add up to 40 ms to answers on reused connections.
    http->set_tcp_nodelay(true);
    // Idle keep-alive connections hold stop() for this long; a second keeps tests quick.
    http->set_keep_alive_timeout(1);
    http->set_pre_routing_handler(requireLength);
    http->set_logger(logRequest);
    http->set_exception_handler(answerException);
    registerRoutes();
    http->set_socket_options([this](socket_t sock) {
        reuseAddress(sock);
        listeningSocket = sock;
    });
    port = options.port == 0 ? http->bind_to_any_port(host)
                             : (http->bind_to_port(host, options.port) ? options.port : -1);
    if (port < 0)
        return base::fail(base::errc::io, "platform-sim: cannot listen on 127.0.0.1:" +
                                              std::to_string(options.port));
    // cpp-httplib listens with a backlog of 5 (compiled in). A burst of concurrent connects
    // overflows it, the kernel drops SYNs and clients retry only after a second; listen()
    // again on the bound socket widens the queue.
    if (::listen(listeningSocket, SOMAXCONN) != 0)
        base::log::warning(serverLog, "cannot widen the listen backlog");
    thread = std::thread([this] {
        http->listen_after_bind();
        loopEnded = true;
    });
    auto listening = waitUntilListening();
    if (!listening)
        thread.join();
    return listening;
}

base::Result<void> Server::Impl::waitUntilListening() const
{
    // cpp-httplib 0.11 has no wait_until_ready(), and its stop() does nothing until the accept
    // loop runs; so start() returns only once it does (connections queue in the backlog).
    while (!http->is_running()) {
        if (loopEnded)
            return base::fail(base::errc::io, "platform-sim: the accept loop ended at once");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return {};
}

void Server::Impl::stop()
{
    std::lock_guard lock(stopMutex);
    if (!thread.joinable())
        return;
    http->stop();
    thread.join();
}

void Server::Impl::registerRoutes()
{
    registerApiRoutes();
    registerAdminRoutes();
    // Everything else: 404 with the contract's error body (cpp-httplib's own has none).
    const auto notFound = [](const httplib::Request&, httplib::Response& res) {
        write(errorReply(404, "not_found", "no such endpoint"), res);
    };
    http->Get(".*", notFound).Post(".*", notFound).Put(".*", notFound);
    http->Delete(".*", notFound).Patch(".*", notFound).Options(".*", notFound);
}

void Server::Impl::registerApiRoutes()
{
    http->Put(R"(/v1/materials/([^/]+))", api([this](const httplib::Request& req) {
                  return state->putMaterial(req.matches[1].str(),
                                            req.get_header_value("Content-Type"), req.body);
              }));
    http->Post("/v1/cases", api([this](const httplib::Request& req) {
                   return state->submitCase(makeCall(req));
               }));
    http->Post("/v1/cases/query", api([this](const httplib::Request& req) {
                   return state->queryCases(req.body, readCatalogInfo(options.catalogFile));
               }));
    http->Post("/v1/evaluations", api([this](const httplib::Request& req) {
                   return state->submitEvaluation(makeCall(req),
                                                  readCatalogInfo(options.catalogFile));
               }));
    http->Post("/v1/identity/resolve",
               api([this](const httplib::Request& req) { return identities.resolve(req.body); }));
    http->Post("/v1/documents",
               api([this](const httplib::Request& req) { return state->findDocument(req.body); }));
    http->Get("/v1/catalog", api([this](const httplib::Request& req) { return getCatalog(req); }));
    http->Post(R"(/v1/kiosks/([^/]+)/heartbeat)",
               api([this](const httplib::Request& req) { return heartbeat(req); }));
}

void Server::Impl::registerAdminRoutes()
{
    // Admin endpoints bypass faults and X-Kiosk-Id: they are the test's controls, not the API.
    const auto admin = [](std::function<Reply(const httplib::Request&)> handler) {
        return [handler](const httplib::Request& req, httplib::Response& res) {
            write(handler(req), res);
        };
    };
    http->Get("/admin/state", admin([this](const httplib::Request&) {
                  return jsonReply(200, toJson(state->snapshot()));
              }));
    http->Get("/admin/faults", admin([this](const httplib::Request&) {
                  return jsonReply(200, toJson(faults.get()));
              }));
    http->Post("/admin/faults",
               admin([this](const httplib::Request& req) { return postFaults(req); }));
    http->Post("/admin/commands",
               admin([this](const httplib::Request& req) { return postCommand(req); }));
    http->Post("/admin/catalog",
               admin([this](const httplib::Request& req) { return postCatalog(req); }));
    http->Post("/admin/identity-tokens", admin([this](const httplib::Request& req) {
                   return identities.addFromJson(req.body);
               }));
    http->Post("/admin/reset", admin([this](const httplib::Request&) {
                   state->reset();
                   faults.set({});
                   identities.clear();
                   return jsonReply(200, {{"reset", true}});
               }));
}

httplib::Server::Handler Server::Impl::api(ApiHandler handler)
{
    return
        [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
            serveApi(req, res, handler);
        };
}

void Server::Impl::serveApi(const httplib::Request& req, httplib::Response& res,
                            const ApiHandler& handler)
{
    // Order: latency, then injected failures (as a gateway in front of the platform would
    // answer them), then authentication and the endpoint, then a possible dropped answer.
    state->count(Event::Request);
    std::this_thread::sleep_for(faults.latency());
    const FaultDecision decision = faults.take(req.path);
    if (decision.failure) {
        state->count(Event::InjectedFault);
        Reply failure = *decision.failure;
        faults.replaceBody(req.path, failure); // an error body of the wrong shape
        write(failure, res);
        return;
    }
    const auto denied = authenticate(req, options.kioskId);
    Reply reply = denied ? *denied : handler(req);
    faults.replaceBody(req.path, reply);
    write(reply, res);
    if (decision.drop) {
        state->count(Event::DroppedResponse);
        base::log::info(serverLog, "cutting short the answer to " + req.method + " " + req.path);
        cutShort(res);
    }
}

Reply Server::Impl::heartbeat(const httplib::Request& req)
{
    if (req.matches[1].str() != req.get_header_value("X-Kiosk-Id"))
        return errorReply(403, "kiosk_mismatch", "a kiosk may only send its own heartbeat");
    return state->heartbeat(makeCall(req));
}

Reply Server::Impl::postFaults(const httplib::Request& req)
{
    auto merged = faults.merge(json::parse(req.body, nullptr, false));
    if (!merged)
        return errorReply(400, "invalid_faults", merged.error().message);
    return jsonReply(200, toJson(*merged));
}

Reply Server::Impl::postCommand(const httplib::Request& req)
{
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !isText(body.value("kioskId", json())) ||
        !isText(body.value("type", json())) || !body.value("args", json::object()).is_object())
        return errorReply(400, "invalid_command",
                          R"(expected {"kioskId": "...", "type": "...", "args": {...}})");
    const std::string id =
        state->queueCommand(body["kioskId"].get<std::string>(), body["type"].get<std::string>(),
                            body.value("args", json::object()));
    return jsonReply(201, {{"id", id}});
}

/// Publishes an envelope (kioskctl fleet publish-catalog): the catalog file is replaced
/// atomically, or without one the envelope is held in memory. Only its shape is checked.
Reply Server::Impl::postCatalog(const httplib::Request& req)
{
    if (const std::string problem = envelopeShapeProblem(req.body); !problem.empty())
        return errorReply(400, "invalid_envelope", "not a catalog envelope: " + problem);
    if (!options.catalogFile.empty()) {
        if (auto written = writeFileAtomically(options.catalogFile, req.body); !written)
            return errorReply(500, "internal", "cannot replace the catalog file");
    } else {
        std::lock_guard lock(catalogMutex);
        publishedCatalog = req.body;
    }
    return jsonReply(200, {{"etag", catalogEtag(req.body)}, {"bytes", req.body.size()}});
}

Reply Server::Impl::getCatalog(const httplib::Request& req)
{
    const std::string ifNoneMatch = req.get_header_value("If-None-Match");
    if (!options.catalogFile.empty())
        return catalogReply(options.catalogFile, ifNoneMatch);
    std::optional<std::string> bytes;
    {
        std::lock_guard lock(catalogMutex);
        bytes = publishedCatalog;
    }
    if (!bytes)
        return errorReply(404, "no_catalog", "no catalog is published");
    return catalogReplyFromBytes(std::move(*bytes), ifNoneMatch);
}

base::Result<std::unique_ptr<Server>> Server::start(Options options)
{
    if (auto faults = checkFaults(options.faults); !faults)
        return base::fail(faults.error().withContext("platform-sim: faults"));
    if (auto catalog = checkCatalogFile(options.catalogFile); !catalog)
        return base::fail(catalog.error());
    auto state = State::open({options.region, options.stateFile});
    if (!state)
        return base::fail(state.error());
    auto http = makeHttpServer(options.tls);
    if (!http)
        return base::fail(http.error());
    auto impl = std::make_unique<Impl>(std::move(options), std::move(*state), std::move(*http));
    if (auto listening = impl->listen(); !listening)
        return base::fail(listening.error());
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server()
{
    stop();
}

int Server::port() const
{
    return impl_->port;
}

std::string Server::baseUrl() const
{
    return std::string(impl_->options.tls ? "https" : "http") + "://" + host + ":" +
           std::to_string(impl_->port);
}

void Server::stop()
{
    impl_->stop();
}

Snapshot Server::snapshot() const
{
    return impl_->state->snapshot();
}

base::Result<void> Server::setFaults(Faults faults)
{
    auto checked = checkFaults(std::move(faults));
    if (!checked)
        return base::fail(checked.error());
    impl_->faults.set(std::move(*checked));
    return {};
}

Faults Server::faults() const
{
    return impl_->faults.get();
}

std::string Server::queueCommand(std::string kioskId, std::string type, nlohmann::json args)
{
    return impl_->state->queueCommand(std::move(kioskId), std::move(type), std::move(args));
}

base::Result<std::string> Server::addIdentityToken(IdentityToken token)
{
    return impl_->identities.add(std::move(token));
}

void Server::reset()
{
    impl_->state->reset();
    impl_->faults.set({});
    impl_->identities.clear();
}

} // namespace platform_sim
