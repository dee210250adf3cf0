// SPDX-License-Identifier: Apache-2.0
// Random identifiers: UUIDv4 for idempotency keys.
#pragma once

#include <string>

namespace base {

/// A random (version 4) UUID in lower-case 8-4-4-4-12 form, from the kernel's CSPRNG.
[[nodiscard]] std::string makeUuidV4();

/// True if `text` is a lower- or upper-case 8-4-4-4-12 UUID of version 4, variant 10xx.
[[nodiscard]] bool isUuidV4(std::string_view text);

} // namespace base
