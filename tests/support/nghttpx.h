// SPDX-License-Identifier: Apache-2.0
// test_support::Nghttpx: Debian's nghttpx (package nghttp2-proxy) as a TLS front with ALPN h2 and
// a required client certificate, before a plain-HTTP/1.1 backend on loopback (platform-sim).
#pragma once

#include "tests/support/server_process.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <sstream>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace test_support {

struct NghttpxOptions {
    int backendPort = 0;      ///< plain HTTP/1.1 on 127.0.0.1
    std::string certFile;     ///< the front's certificate (PEM), for 127.0.0.1
    std::string keyFile;      ///< its key
    std::string clientCaFile; ///< --verify-client-cacert: clients need a certificate of this CA
    std::string alpn = "h2,http/1.1"; ///< protocols offered, preferred first ("http/1.1": no h2)
};

class Nghttpx {
public:
    /// The nghttpx program: on PATH, else /usr/sbin/nghttpx; "" when it is not installed.
    static std::string program()
    {
        std::vector<std::string> candidates;
        if (const char* path = std::getenv("PATH")) {
            std::stringstream dirs(path);
            for (std::string dir; std::getline(dirs, dir, ':');)
                candidates.push_back(dir + "/nghttpx");
        }
        candidates.push_back("/usr/sbin/nghttpx");
        for (const auto& candidate : candidates)
            if (::access(candidate.c_str(), X_OK) == 0)
                return candidate;
        return {};
    }

    /// Starts nghttpx on a free port of 127.0.0.1 and returns once it accepts connections;
    /// nullptr, with the reason in `error`, if it did not within 10 s.
    static std::unique_ptr<Nghttpx> start(const NghttpxOptions& options, std::string& error)
    {
        const std::string nghttpx = program();
        if (nghttpx.empty()) {
            error = "nghttpx not found (Debian package nghttp2-proxy)";
            return nullptr;
        }
        // The free port may be taken between its choice and nghttpx's bind: then try another.
        for (int attempt = 0; attempt < 3; ++attempt) {
            std::unique_ptr<Nghttpx> proxy(new Nghttpx(freeLoopbackPort()));
            if (proxy->launch(nghttpx, options) && proxy->waitUntilListening())
                return proxy;
        }
        error = "nghttpx did not start listening (its errors are on stderr)";
        return nullptr;
    }

    Nghttpx(const Nghttpx&) = delete;
    Nghttpx& operator=(const Nghttpx&) = delete;
    ~Nghttpx() { terminate(); }

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string baseUrl() const
    {
        return "https://127.0.0.1:" + std::to_string(port_);
    }

private:
    explicit Nghttpx(int port) : port_(port) {}

    bool launch(const std::string& nghttpx, const NghttpxOptions& options)
    {
        const std::string port = std::to_string(port_);
        const std::string backend = std::to_string(options.backendPort);
        std::vector<std::string> args{nghttpx,
                                      "--conf=/dev/null", // not /etc/nghttpx/nghttpx.conf
                                      "--single-process", // SIGTERM to this pid stops it all
                                      "--no-ocsp",        // no OCSP fetch helper
                                      "--log-level=WARN",
                                      "--frontend=127.0.0.1," + port,
                                      "--backend=127.0.0.1," + backend, // plain HTTP/1.1
                                      "--npn-list=" + options.alpn,
                                      "--verify-client",
                                      "--verify-client-cacert=" + options.clientCaFile,
                                      options.keyFile,
                                      options.certFile};
        return process_.start(std::move(args));
    }

    bool waitUntilListening() { return process_.waitUntilListening(port_); }
    void terminate() { process_.terminate(); }

    int port_ = 0;
    ServerProcess process_;
};

} // namespace test_support
