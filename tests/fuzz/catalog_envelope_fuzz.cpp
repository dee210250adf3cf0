// SPDX-License-Identifier: Apache-2.0
// Fuzzes the signed catalog envelope: parsing, strict base64 and verification with a trusted
// ed25519 key (tests/fuzz/keys/, public half only). A pushed envelope is input from outside
// the kiosk; whatever the bytes, the answer is a verified catalog or an error.
#include "kiosk/core/catalog_envelope.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<kiosk::core::TrustedKey> keys = [] {
        kiosk::core::TrustedKey key;
        key.id = "fuzz";
        key.alg = "ed25519";
        key.publicKeyFile = KIOSK_FUZZ_PUBLIC_KEY;
        return std::vector{key};
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kiosk::core::looksLikeEnvelope(text);
    (void)kiosk::core::base64Decode(text);
    auto verified = kiosk::core::verifyEnvelopeText(text, keys);
    if (verified)
        (void)verified->catalog.popular(8);
    return 0;
}
