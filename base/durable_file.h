// SPDX-License-Identifier: Apache-2.0
// The two steps of replacing a file so that a power cut leaves the old one or the new one:
// the temporary file's bytes written whole and fsync'd, then (after the rename) its folder
// fsync'd. Callers make the temporary file and rename it (mode, owner and what to keep differ).
#pragma once

#include "base/result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace base {

/// Writes all of `text` to `fd` (again after EINTR), then fsyncs it; `what` names the file in
/// the error.
[[nodiscard]] Result<void> writeAllAndSync(int fd, std::string_view text, const std::string& what);

/// fsyncs the folder `dir`, so a rename in it is on disk.
[[nodiscard]] Result<void> syncDirectory(const std::filesystem::path& dir);

} // namespace base
