// SPDX-License-Identifier: Apache-2.0
// Signed catalog envelopes: ed25519 and SM2 round trips, a cross-check with the openssl CLI,
// strict base64, and every refusal of specs/platform-api.md with a clear reason.
#include "kiosk/core/catalog_envelope.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>

using kiosk::core::EnvelopeErrc;
using kiosk::core::verifyEnvelopeText;
using test_support::makeKey;
using test_support::shippedCatalogJson;
using test_support::signedEnvelope;
using Json = nlohmann::json;

namespace {

class Envelope : public ::testing::TestWithParam<std::string> {
protected:
    test_support::TempDir dir_;
};

std::string errorOf(std::string_view envelope, const std::vector<kiosk::core::TrustedKey>& keys,
                    std::error_code expected)
{
    auto verified = verifyEnvelopeText(envelope, keys);
    EXPECT_FALSE(verified) << "expected a refusal";
    if (verified)
        return {};
    EXPECT_EQ(verified.error().code, expected) << verified.error().message;
    return verified.error().message;
}

} // namespace

TEST(Base64, RoundTripsAndIsStrict)
{
    using kiosk::core::base64Decode;
    using kiosk::core::base64Encode;
    for (const std::string text : {"", "a", "ab", "abc", "abcd", "社会保险\xff\x00"})
        EXPECT_EQ(base64Decode(base64Encode(text)).value(), text);
    EXPECT_EQ(base64Encode("abcd"), "YWJjZA==");
    EXPECT_FALSE(base64Decode("YWJjZA="));   // truncated
    EXPECT_FALSE(base64Decode("YWJj ZA==")); // whitespace
    EXPECT_FALSE(base64Decode("YW=jZA=="));  // padding inside
    EXPECT_FALSE(base64Decode("YWJjZA-_"));  // base64url is another alphabet
    EXPECT_FALSE(base64Decode("YWJjZ==="));  // three padding characters
}

TEST_P(Envelope, SignsAndVerifiesTheShippedCatalog)
{
    const auto key = makeKey(dir_.path(), "province-2026-01", GetParam());
    const auto catalog = shippedCatalogJson(2026112501);
    const auto envelope = signedEnvelope(catalog, key);
    const auto parsed = Json::parse(envelope);
    EXPECT_EQ(parsed["alg"], GetParam());
    EXPECT_EQ(parsed["keyId"], "province-2026-01");
    // The payload is the exact bytes signed, not a re-serialisation.
    EXPECT_EQ(kiosk::core::base64Decode(parsed["payload"].get<std::string>()).value(),
              catalog.dump());

    auto verified = verifyEnvelopeText(envelope, {key.trusted});
    ASSERT_TRUE(verified) << verified.error().message;
    EXPECT_EQ(verified->catalog.catalogVersion, 2026112501);
    EXPECT_EQ(verified->catalog.items.size(), catalog["items"].size());
    EXPECT_EQ(verified->keyId, "province-2026-01");
}

TEST_P(Envelope, RefusesAWrongSignatureAnUnknownKeyAndAnotherKey)
{
    const auto key = makeKey(dir_.path(), "province-2026-01", GetParam());
    const auto other = makeKey(dir_.path(), "other", GetParam());
    auto envelope = Json::parse(signedEnvelope(shippedCatalogJson(), key));

    // Signed by another key, under the trusted key's name.
    auto impostor = Json::parse(signedEnvelope(shippedCatalogJson(), other));
    impostor["keyId"] = "province-2026-01";
    EXPECT_NE(errorOf(impostor.dump(), {key.trusted}, EnvelopeErrc::bad_signature)
                  .find("does not verify"),
              std::string::npos);

    // One changed byte of the catalog.
    auto payload = kiosk::core::base64Decode(envelope["payload"].get<std::string>()).value();
    payload[payload.find("不收费")] ^= 1;
    auto altered = envelope;
    altered["payload"] = kiosk::core::base64Encode(payload);
    errorOf(altered.dump(), {key.trusted}, EnvelopeErrc::bad_signature);

    auto unknown = envelope;
    unknown["keyId"] = "city-2020";
    EXPECT_NE(errorOf(unknown.dump(), {key.trusted}, EnvelopeErrc::unknown_key).find("city-2020"),
              std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Algorithms, Envelope, ::testing::Values("ed25519", "sm2"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                             return param.param;
                         });

TEST(EnvelopeRefusals, NameWhatIsWrong)
{
    test_support::TempDir dir;
    const auto key = makeKey(dir.path(), "k1", "ed25519");
    const std::vector keys{key.trusted};
    const auto good = signedEnvelope(shippedCatalogJson(), key);
    const auto json = Json::parse(good);

    EXPECT_NE(
        errorOf(good.substr(0, good.size() / 2), keys, EnvelopeErrc::malformed).find("truncated"),
        std::string::npos);
    auto badBase64 = json;
    badBase64["signature"] = "not base64!";
    EXPECT_NE(errorOf(badBase64.dump(), keys, EnvelopeErrc::bad_base64).find("signature"),
              std::string::npos);
    auto missing = json;
    missing.erase("alg");
    EXPECT_NE(errorOf(missing.dump(), keys, EnvelopeErrc::malformed).find("\"alg\""),
              std::string::npos);
    auto mismatched = json;
    mismatched["alg"] = "sm2";
    errorOf(mismatched.dump(), keys, EnvelopeErrc::bad_signature);
    errorOf("{\"alg\":\"ed25519\",\"keyId\":\"k1\",\"payload\":\"\xff\xfe\",\"signature\":\"\"}",
            keys, EnvelopeErrc::malformed); // not UTF-8
}

TEST(EnvelopeRefusals, SignedButInvalidCatalogsNameTheItemAndField)
{
    test_support::TempDir dir;
    const auto key = makeKey(dir.path(), "k1", "sm2");
    auto catalog = shippedCatalogJson();
    catalog["items"][1]["code"] = catalog["items"][0]["code"];
    // signCatalog refuses to sign it, so sign by hand what a broken publisher might send.
    auto invalid = kiosk::core::signCatalog(catalog.dump(), key.privateKeyFile, "k1", "sm2");
    ASSERT_FALSE(invalid);
    EXPECT_NE(invalid.error().message.find("duplicate item code"), std::string::npos);

    auto missing = shippedCatalogJson();
    missing["items"][3].erase("department");
    EXPECT_NE(kiosk::core::signCatalog(missing.dump(), key.privateKeyFile, "k1", "sm2")
                  .error()
                  .message.find("items[3]"),
              std::string::npos);
}

TEST(EnvelopeCrossCheck, OpensslCliVerifiesOurEd25519Signature)
{
    test_support::TempDir dir;
    const auto key = makeKey(dir.path(), "k1", "ed25519");
    const auto json = Json::parse(signedEnvelope(shippedCatalogJson(), key));
    std::ofstream(dir / "payload", std::ios::binary)
        << kiosk::core::base64Decode(json["payload"].get<std::string>()).value();
    std::ofstream(dir / "sig", std::ios::binary)
        << kiosk::core::base64Decode(json["signature"].get<std::string>()).value();
    const auto command = "openssl pkeyutl -verify -pubin -inkey " +
                         key.trusted.publicKeyFile.string() + " -rawin -in " + dir.file("payload") +
                         " -sigfile " + dir.file("sig") + " >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(EnvelopeCrossCheck, OpensslCliVerifiesOurSm2Signature)
{
    test_support::TempDir dir;
    const auto key = makeKey(dir.path(), "k1", "sm2");
    const auto json = Json::parse(signedEnvelope(shippedCatalogJson(), key));
    std::ofstream(dir / "payload", std::ios::binary)
        << kiosk::core::base64Decode(json["payload"].get<std::string>()).value();
    std::ofstream(dir / "sig", std::ios::binary)
        << kiosk::core::base64Decode(json["signature"].get<std::string>()).value();
    const auto command = "openssl pkeyutl -verify -pubin -inkey " +
                         key.trusted.publicKeyFile.string() +
                         " -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in " +
                         dir.file("payload") + " -sigfile " + dir.file("sig") + " >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
}
