// SPDX-License-Identifier: Apache-2.0
// Replacing a file so that a power cut leaves the old one or the new one, never half of one:
// a temporary file in the same folder (mode and owner set before any content), its bytes
// written whole and fsync'd, renamed over the file, the folder fsync'd. replaceFile() does it
// all (the catalog store, the maintenance lock state, remote set_config, provisioning);
// writeAllAndSync() and syncDirectory() are its steps, for a caller with a file of its own.
#pragma once

#include "base/result.h"

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace base {

/// Writes all of `text` to `fd` (again after EINTR), then fsyncs it; `what` names the file in
/// the error.
[[nodiscard]] Result<void> writeAllAndSync(int fd, std::string_view text, const std::string& what);

/// fsyncs the folder `dir`, so a rename in it is on disk.
[[nodiscard]] Result<void> syncDirectory(const std::filesystem::path& dir);

struct FileOwner {
    uid_t uid = 0;
    gid_t gid = 0;
};

/// How replaceFile() makes the new file.
struct ReplaceOptions {
    unsigned mode = 0600;           ///< its permissions (not masked by the umask)
    std::optional<FileOwner> owner; ///< its owner (root writing for the kiosk's user)
    /// The file in place, if any, is kept under this name (a hard link, replacing the one
    /// before) just before the new one takes its place: `path` never goes missing.
    std::optional<std::filesystem::path> keepPrevious;
};

/// Replaces (or creates) `path` with `content` durably, as above. The temporary file is
/// `.NAME.XXXXXX` beside it, removed again on failure; the folder must exist. A failure before
/// the rename leaves `path` (and the kept previous file) as they were.
[[nodiscard]] Result<void> replaceFile(const std::filesystem::path& path, std::string_view content,
                                       const ReplaceOptions& options = {});

} // namespace base
