// SPDX-License-Identifier: Apache-2.0
// Test keys for signed catalogs: fresh ed25519 and SM2 key pairs generated with OpenSSL in a
// test's temporary directory (no private key is committed), and helpers to sign catalogs.
#pragma once

#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/service_catalog.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace test_support {

struct TestKey {
    kiosk::core::TrustedKey trusted; ///< id, alg, public key file
    std::string privateKeyFile;
};

/// Generates a key pair of `alg` ("ed25519" or "sm2") as PEM files in `dir`.
inline TestKey makeKey(const std::filesystem::path& dir, const std::string& id,
                       const std::string& alg)
{
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, alg == "sm2" ? "SM2" : "ED25519");
    EXPECT_NE(key, nullptr) << "cannot generate an " << alg << " key";
    TestKey result;
    result.trusted.id = id;
    result.trusted.alg = alg;
    result.trusted.publicKeyFile = dir / (id + ".pub.pem");
    result.privateKeyFile = (dir / (id + ".key.pem")).string();
    FILE* pub = std::fopen(result.trusted.publicKeyFile.c_str(), "w");
    FILE* priv = std::fopen(result.privateKeyFile.c_str(), "w");
    PEM_write_PUBKEY(pub, key);
    PEM_write_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(pub);
    std::fclose(priv);
    EVP_PKEY_free(key);
    return result;
}

inline std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The shipped catalog's JSON with `catalogVersion` replaced.
inline nlohmann::json shippedCatalogJson(std::int64_t version = 0)
{
    auto json = nlohmann::json::parse(readText(kiosk::core::shippedCatalogPath()));
    if (version != 0)
        json["catalogVersion"] = version;
    return json;
}

/// The envelope of `catalog` signed by `key`.
inline std::string signedEnvelope(const nlohmann::json& catalog, const TestKey& key)
{
    auto envelope = kiosk::core::signCatalog(catalog.dump(), key.privateKeyFile, key.trusted.id,
                                             key.trusted.alg);
    EXPECT_TRUE(envelope) << envelope.error().message;
    return envelope ? *envelope : std::string{};
}

} // namespace test_support
