// SPDX-License-Identifier: Apache-2.0
#include "test_certificates.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <utility>
#include <vector>

namespace sim_test {

namespace {
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;
using Extensions = std::vector<std::pair<int, const char*>>;

/// Who signs a certificate: nullptr/nullptr for a self-signed one.
struct Issuer {
    X509* cert = nullptr;
    EVP_PKEY* key = nullptr;
};

void check(bool ok, const char* what)
{
    if (!ok)
        ADD_FAILURE() << "OpenSSL refused: " << what;
}

KeyPtr makeKey()
{
    KeyPtr key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    check(key != nullptr, "EC key generation");
    return key;
}

void addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    check(extension != nullptr && X509_add_ext(cert, extension, -1) == 1, value);
    X509_EXTENSION_free(extension);
}

CertPtr makeCertificate(EVP_PKEY* key, const char* commonName, Issuer issuer,
                        const Extensions& extensions, long serial, long notBeforeS = -3600,
                        long notAfterS = 24 * 3600)
{
    CertPtr cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2); // v3, for extensions
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), notBeforeS);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), notAfterS);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0);
    X509* signer = issuer.cert != nullptr ? issuer.cert : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    for (const auto& [nid, value] : extensions)
        addExtension(cert.get(), signer, nid, value);
    check(X509_sign(cert.get(), issuer.key != nullptr ? issuer.key : key, EVP_sha256()) > 0,
          "signing");
    return cert;
}

void writePem(const std::string& path, X509* cert, EVP_PKEY* key)
{
    FILE* file = std::fopen(path.c_str(), "w");
    check(file != nullptr, "opening a PEM file");
    if (file == nullptr)
        return;
    check(cert == nullptr || PEM_write_X509(file, cert) == 1, "writing a certificate");
    check(key == nullptr ||
              PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "writing a key");
    std::fclose(file);
}
} // namespace

CertificateFiles writeTestCertificates(const std::string& dir)
{
    const CertificateFiles files{dir + "/ca.pem",       dir + "/server.pem",  dir + "/server.key",
                                 dir + "/client.pem",   dir + "/client.key",  dir + "/stranger.pem",
                                 dir + "/stranger.key", dir + "/expired.pem", dir + "/expired.key",
                                 dir + "/ca.key"};
    const KeyPtr caKey = makeKey();
    const CertPtr ca = makeCertificate(caKey.get(), "platform-sim test CA", {},
                                       {{NID_basic_constraints, "critical,CA:TRUE"},
                                        {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                        {NID_subject_key_identifier, "hash"}},
                                       1);
    const Issuer byCa{ca.get(), caKey.get()};
    const KeyPtr serverKey = makeKey();
    const CertPtr server = makeCertificate(
        serverKey.get(), "127.0.0.1", byCa,
        {{NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"}, {NID_ext_key_usage, "serverAuth"}},
        2);
    const KeyPtr clientKey = makeKey();
    const CertPtr client = makeCertificate(clientKey.get(), "SC-510703-0042", byCa,
                                           {{NID_ext_key_usage, "clientAuth"}}, 3);
    const KeyPtr strangerKey = makeKey();
    const CertPtr stranger = makeCertificate(strangerKey.get(), "SC-510703-0042", {},
                                             {{NID_ext_key_usage, "clientAuth"}}, 4);
    const KeyPtr expiredKey = makeKey();
    const CertPtr expired = makeCertificate(
        expiredKey.get(), "127.0.0.1", byCa,
        {{NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"}, {NID_ext_key_usage, "serverAuth"}},
        5, -2 * 24 * 3600, -24 * 3600);
    writePem(files.expiredServerCert, expired.get(), nullptr);
    writePem(files.expiredServerKey, nullptr, expiredKey.get());
    writePem(files.caCert, ca.get(), nullptr);
    writePem(files.caKey, nullptr, caKey.get());
    writePem(files.serverCert, server.get(), nullptr);
    writePem(files.serverKey, nullptr, serverKey.get());
    writePem(files.clientCert, client.get(), nullptr);
    writePem(files.clientKey, nullptr, clientKey.get());
    writePem(files.strangerCert, stranger.get(), nullptr);
    writePem(files.strangerKey, nullptr, strangerKey.get());
    return files;
}

std::pair<std::string, std::string> issueClientCertificate(const CertificateFiles& files,
                                                           const std::string& stem,
                                                           const std::string& commonName)
{
    FILE* caFile = std::fopen(files.caCert.c_str(), "r");
    FILE* caKeyFile = std::fopen(files.caKey.c_str(), "r");
    check(caFile != nullptr && caKeyFile != nullptr, "opening the CA's files");
    const CertPtr ca(caFile != nullptr ? PEM_read_X509(caFile, nullptr, nullptr, nullptr) : nullptr,
                     X509_free);
    const KeyPtr caKey(
        caKeyFile != nullptr ? PEM_read_PrivateKey(caKeyFile, nullptr, nullptr, nullptr) : nullptr,
        EVP_PKEY_free);
    if (caFile != nullptr)
        std::fclose(caFile);
    if (caKeyFile != nullptr)
        std::fclose(caKeyFile);
    check(ca != nullptr && caKey != nullptr, "reading the CA's files");
    const KeyPtr key = makeKey();
    static long serial = 100;
    const CertPtr cert = makeCertificate(key.get(), commonName.c_str(), {ca.get(), caKey.get()},
                                         {{NID_ext_key_usage, "clientAuth"}}, ++serial);
    std::pair<std::string, std::string> paths{stem + ".pem", stem + ".key"};
    writePem(paths.first, cert.get(), nullptr);
    writePem(paths.second, nullptr, key.get());
    return paths;
}

} // namespace sim_test
