// SPDX-License-Identifier: Apache-2.0
// Test PKI generated with the OpenSSL API: a CA, a server certificate for 127.0.0.1, clients.
#pragma once

#include <string>
#include <utility>

namespace sim_test {

/// PEM files written by writeTestCertificates(); keys are unencrypted EC P-256.
struct CertificateFiles {
    std::string caCert;
    std::string serverCert; ///< issued by the CA, for IP 127.0.0.1 and DNS localhost
    std::string serverKey;
    std::string clientCert; ///< issued by the CA, CN = the kiosk id
    std::string clientKey;
    std::string strangerCert; ///< self-signed: no CA the server trusts issued it
    std::string strangerKey;
    std::string expiredServerCert; ///< issued by the CA for 127.0.0.1, expired yesterday
    std::string expiredServerKey;
    std::string caKey; ///< the CA's key, for issueClientCertificate()
};

/// Generates the certificates into `dir` (an existing directory); records a test failure
/// if OpenSSL refuses any step.
[[nodiscard]] CertificateFiles writeTestCertificates(const std::string& dir);

/// A client certificate and key issued by the CA of `files` for `commonName` (a kiosk id, or
/// an administrator), written to `stem`.pem and `stem`.key. Returns {cert, key}.
[[nodiscard]] std::pair<std::string, std::string>
issueClientCertificate(const CertificateFiles& files, const std::string& stem,
                       const std::string& commonName);

} // namespace sim_test
