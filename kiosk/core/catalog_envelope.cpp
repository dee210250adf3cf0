// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_envelope.h"

#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

namespace kiosk::core {

namespace {

class EnvelopeCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "catalog-envelope"; }
    std::string message(int value) const override
    {
        switch (static_cast<EnvelopeErrc>(value)) {
        case EnvelopeErrc::malformed:
            return "not a catalog envelope";
        case EnvelopeErrc::bad_base64:
            return "bad base64";
        case EnvelopeErrc::unknown_key:
            return "unknown keyId";
        case EnvelopeErrc::bad_signature:
            return "signature does not verify";
        case EnvelopeErrc::key_error:
            return "key file unusable";
        case EnvelopeErrc::unsupported:
            return "unsupported signature algorithm";
        }
        return "catalog envelope error";
    }
};

using Json = nlohmann::json;

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

/// The base64 alphabet as a table: this runs over every byte of a multi-megabyte payload.
constexpr std::array<bool, 256> base64Alphabet = [] {
    std::array<bool, 256> table{};
    for (const char c :
         std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"))
        table[static_cast<unsigned char>(c)] = true;
    return table;
}();

bool isBase64Char(char c)
{
    return base64Alphabet[static_cast<unsigned char>(c)];
}

/// Reads a PEM key: public (SubjectPublicKeyInfo) or private (PKCS#8 or traditional).
base::Result<Pkey> readKey(const std::string& path, bool isPrivate)
{
    FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr)
        return base::fail(EnvelopeErrc::key_error, "cannot open key file " + path);
    Pkey key(isPrivate ? PEM_read_PrivateKey(file, nullptr, nullptr, nullptr)
                       : PEM_read_PUBKEY(file, nullptr, nullptr, nullptr));
    std::fclose(file);
    if (!key)
        return base::fail(EnvelopeErrc::key_error,
                          path + " is not a PEM " +
                              (isPrivate ? "private key" : "public key (SubjectPublicKeyInfo)"));
    return key;
}

/// A trusted public key: the PEM it carries (provisioning, before the file is written), else
/// its file.
base::Result<Pkey> readTrustedKey(const TrustedKey& trusted)
{
    if (trusted.publicKeyPem.empty())
        return readKey(trusted.publicKeyFile.string(), false);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(trusted.publicKeyPem.data(), static_cast<int>(trusted.publicKeyPem.size())),
        &BIO_free);
    Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key)
        return base::fail(EnvelopeErrc::key_error,
                          "the key is not a PEM public key (SubjectPublicKeyInfo)");
    return key;
}

/// The key's type must be the envelope's alg; an SM2 key never verifies an ed25519 envelope.
base::Result<void> checkKeyType(const EVP_PKEY* key, std::string_view alg, const std::string& what)
{
    if (alg != "ed25519" && alg != "sm2")
        return base::fail(EnvelopeErrc::unsupported,
                          "alg \"" + std::string(alg) + "\" is not supported (ed25519 or sm2)");
    const bool fits = alg == "ed25519" ? EVP_PKEY_is_a(key, "ED25519") : EVP_PKEY_is_a(key, "SM2");
    if (!fits)
        return base::fail(EnvelopeErrc::key_error,
                          what + " is not an " + std::string(alg) + " key");
    return {};
}

/// A digest-sign/verify context: ed25519 signs the message itself (no digest); SM2 hashes
/// with SM3 after the Z value of the default user id.
base::Result<MdCtx> digestContext(EVP_PKEY* key, std::string_view alg, bool sign,
                                  PkeyCtx& keyContext)
{
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx)
        return base::fail(base::errc::internal, "EVP_MD_CTX_new failed");
    const EVP_MD* md = nullptr;
    if (alg == "sm2") {
        keyContext.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
        if (!keyContext || EVP_PKEY_CTX_set1_id(keyContext.get(), sm2DefaultUserId.data(),
                                                sm2DefaultUserId.size()) <= 0)
            return base::fail(EnvelopeErrc::unsupported, "this OpenSSL cannot do SM2");
        EVP_MD_CTX_set_pkey_ctx(ctx.get(), keyContext.get());
        md = EVP_sm3();
    }
    const int ok = sign ? EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key)
                        : EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key);
    if (ok <= 0)
        return base::fail(EnvelopeErrc::unsupported, "cannot initialise " + std::string(alg));
    return ctx;
}

const unsigned char* bytes(std::string_view text)
{
    return reinterpret_cast<const unsigned char*>(text.data());
}

base::Result<std::string> memberText(const Json& document, const char* member)
{
    const auto it = document.find(member);
    if (it == document.end() || !it->is_string())
        return base::fail(EnvelopeErrc::malformed,
                          std::string("envelope: \"") + member + "\" is missing or not a string");
    return it->get<std::string>();
}

base::Result<std::string> memberBase64(const Json& document, const char* member)
{
    auto text = memberText(document, member);
    if (!text)
        return base::fail(text.error());
    auto decoded = base64Decode(*text);
    if (!decoded)
        return base::fail(decoded.error().withContext(std::string("envelope: ") + member));
    return decoded;
}

} // namespace

const std::error_category& envelopeCategory()
{
    static const EnvelopeCategory instance;
    return instance;
}

std::string base64Encode(std::string_view input)
{
    std::string out(4 * ((input.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(input),
                                  static_cast<int>(input.size()));
    out.resize(static_cast<std::size_t>(std::max(n, 0)));
    return out;
}

base::Result<std::string> base64Decode(std::string_view text)
{
    if (text.size() % 4 != 0)
        return base::fail(EnvelopeErrc::bad_base64, "bad base64: length " +
                                                        std::to_string(text.size()) +
                                                        " is not a multiple of 4 (truncated?)");
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=')
        ++padding;
    const auto body = text.substr(0, text.size() - padding);
    const auto bad = std::find_if_not(body.begin(), body.end(), isBase64Char);
    if (bad != body.end())
        return base::fail(EnvelopeErrc::bad_base64, "bad base64: unexpected character at offset " +
                                                        std::to_string(bad - body.begin()));
    std::string out(3 * (text.size() / 4), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(text),
                                  static_cast<int>(text.size()));
    if (n < 0)
        return base::fail(EnvelopeErrc::bad_base64, "bad base64");
    out.resize(static_cast<std::size_t>(n) - padding); // DecodeBlock counts padding as zeros
    return out;
}

bool looksLikeEnvelope(std::string_view text)
{
    // A textual check, not a second parse of a large file: base64 has no quotes, so an
    // envelope never contains "items", and a catalog always does.
    return text.find("\"payload\"") != std::string_view::npos &&
           text.find("\"items\"") == std::string_view::npos;
}

base::Result<CatalogEnvelope> parseEnvelope(std::string_view json)
{
    if (json.size() > maxEnvelopeBytes)
        return base::fail(CatalogErrc::too_large, "envelope is " +
                                                      std::to_string(json.size() / (1024 * 1024)) +
                                                      " MiB; catalogs over 50 MiB are refused");
    const Json document = Json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded())
        return base::fail(EnvelopeErrc::malformed,
                          "envelope is not valid JSON (truncated, or not UTF-8)");
    if (!document.is_object())
        return base::fail(EnvelopeErrc::malformed, "envelope must be a JSON object");
    CatalogEnvelope envelope;
    auto alg = memberText(document, "alg");
    auto keyId = memberText(document, "keyId");
    if (!alg || !keyId)
        return base::fail(!alg ? alg.error() : keyId.error());
    auto payload = memberBase64(document, "payload");
    if (!payload)
        return base::fail(payload.error());
    auto signature = memberBase64(document, "signature");
    if (!signature)
        return base::fail(signature.error());
    envelope.alg = std::move(*alg);
    envelope.keyId = std::move(*keyId);
    envelope.payload = std::move(*payload);
    envelope.signature = std::move(*signature);
    return envelope;
}

base::Result<void> verifySignature(const CatalogEnvelope& envelope,
                                   const std::vector<TrustedKey>& keys)
{
    const auto trusted = std::find_if(keys.begin(), keys.end(),
                                      [&](const TrustedKey& k) { return k.id == envelope.keyId; });
    if (trusted == keys.end())
        return base::fail(EnvelopeErrc::unknown_key,
                          "keyId \"" + envelope.keyId +
                              "\" is not a trusted key of this kiosk ([[catalog.trusted_keys]])");
    if (trusted->alg != envelope.alg)
        return base::fail(EnvelopeErrc::bad_signature, "envelope alg " + envelope.alg +
                                                           " but key \"" + trusted->id +
                                                           "\" is configured as " + trusted->alg);
    auto key = readTrustedKey(*trusted);
    if (!key)
        return base::fail(key.error().withContext("key \"" + trusted->id + "\""));
    if (auto fits = checkKeyType(key->get(), envelope.alg, trusted->publicKeyFile.string()); !fits)
        return base::fail(fits.error());
    PkeyCtx keyContext;
    auto ctx = digestContext(key->get(), envelope.alg, false, keyContext);
    if (!ctx)
        return base::fail(ctx.error());
    if (EVP_DigestVerify(ctx->get(), bytes(envelope.signature), envelope.signature.size(),
                         bytes(envelope.payload), envelope.payload.size()) != 1)
        return base::fail(EnvelopeErrc::bad_signature,
                          envelope.alg + " signature by \"" + envelope.keyId +
                              "\" does not verify: the payload was altered or signed with "
                              "another key");
    return {};
}

base::Result<VerifiedCatalog> verifyEnvelope(const CatalogEnvelope& envelope,
                                             const std::vector<TrustedKey>& keys)
{
    if (auto verified = verifySignature(envelope, keys); !verified)
        return base::fail(verified.error());
    auto catalog = parseCatalog(envelope.payload);
    if (!catalog)
        return base::fail(catalog.error().withContext("signed catalog"));
    VerifiedCatalog verified;
    verified.catalog = std::move(*catalog);
    verified.keyId = envelope.keyId;
    verified.alg = envelope.alg;
    return verified;
}

base::Result<VerifiedCatalog> verifyEnvelopeText(std::string_view json,
                                                 const std::vector<TrustedKey>& keys)
{
    auto envelope = parseEnvelope(json);
    if (!envelope)
        return base::fail(envelope.error());
    return verifyEnvelope(*envelope, keys);
}

base::Result<std::string> signCatalog(std::string_view catalogJson, const std::string& keyFile,
                                      std::string_view keyId, std::string_view alg)
{
    if (auto catalog = parseCatalog(catalogJson); !catalog)
        return base::fail(catalog.error().withContext("refusing to sign"));
    return signPayload(catalogJson, keyFile, keyId, alg);
}

base::Result<std::string> signPayload(std::string_view payload, const std::string& keyFile,
                                      std::string_view keyId, std::string_view alg)
{
    auto key = readKey(keyFile, true);
    if (!key)
        return base::fail(key.error());
    if (auto fits = checkKeyType(key->get(), alg, keyFile); !fits)
        return base::fail(fits.error());
    PkeyCtx keyContext;
    auto ctx = digestContext(key->get(), alg, true, keyContext);
    if (!ctx)
        return base::fail(ctx.error());
    std::size_t length = 0;
    if (EVP_DigestSign(ctx->get(), nullptr, &length, bytes(payload), payload.size()) != 1)
        return base::fail(EnvelopeErrc::unsupported, "cannot sign with " + std::string(alg));
    std::string signature(length, '\0');
    if (EVP_DigestSign(ctx->get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       bytes(payload), payload.size()) != 1)
        return base::fail(EnvelopeErrc::unsupported,
                          "signing with " + std::string(alg) + " failed");
    signature.resize(length);
    const Json envelope{{"alg", alg},
                        {"keyId", keyId},
                        {"payload", base64Encode(payload)},
                        {"signature", base64Encode(signature)}};
    return envelope.dump(2) + "\n";
}

} // namespace kiosk::core
