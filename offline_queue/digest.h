// SPDX-License-Identifier: Apache-2.0
// SHA-256 (OpenSSL) in lower-case hex: how materials are named (PUT /v1/materials/{sha256}).
#pragma once

#include <string>
#include <string_view>

namespace queue {

[[nodiscard]] std::string sha256Hex(std::string_view bytes);

} // namespace queue
