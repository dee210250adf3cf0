// SPDX-License-Identifier: Apache-2.0
// Fuzzes kiosk::core::classifyPayload: any QR code a citizen holds up is hostile input. It is
// classified or refused; an accepted one is valid UTF-8 and within the length cap, and an
// identity token is 16-512 printable ASCII. The same bytes go through the manual entry checks.
#include "kiosk/core/manual_identity.h"
#include "kiosk/core/scanned_payload.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto payload = kiosk::core::classifyPayload(text);
    if (payload && (payload->text != text || text.size() > kiosk::core::kMaxPayloadBytes))
        std::abort();
    if (!payload)
        (void)kiosk::core::citizenMessage(payload.error());
    // An identity token handed to the platform is always of the contract's form.
    auto token = kiosk::core::identityToken(text);
    if (token && (token->size() < 16 || token->size() > 512 ||
                  token->find_first_not_of(" !\"#$%&'()*+,-./0123456789:;<=>?@"
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
                                           "abcdefghijklmnopqrstuvwxyz{|}~") != std::string::npos))
        std::abort();
    if (!token)
        (void)kiosk::core::citizenMessage(token.error());
    // The same bytes typed into the manual identification fields: checked, never a crash.
    (void)kiosk::core::checkNameInput(text);
    if (kiosk::core::checkIdNumberInput(text).state == kiosk::core::IdNumberInput::Complete &&
        text.size() != 18)
        std::abort();
    (void)kiosk::core::manualIdentity(text, text);
    return 0;
}
