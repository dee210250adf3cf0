// SPDX-License-Identifier: Apache-2.0
// Whole-file reads and atomic replacement (temporary file, fsync, rename).
#pragma once

#include "base/result.h"

#include <string>

namespace platform_sim {

/// The bytes of `path`; errc::not_found if it does not exist, errc::io if it cannot be read.
[[nodiscard]] base::Result<std::string> readFile(const std::string& path);

/// Replaces `path` with `bytes` so that a crash leaves the old or the new file, never half of
/// one. The file is created with mode 0600.
[[nodiscard]] base::Result<void> writeFileAtomically(const std::string& path,
                                                     const std::string& bytes);

} // namespace platform_sim
