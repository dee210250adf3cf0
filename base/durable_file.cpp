// SPDX-License-Identifier: Apache-2.0
#include "base/durable_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace base {

Result<void> writeAllAndSync(int fd, std::string_view text, const std::string& what)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(fromErrno("write " + what, errno));
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        return fail(fromErrno("fsync " + what, errno));
    return {};
}

Result<void> syncDirectory(const std::filesystem::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(fromErrno("open " + dir.string(), errno));
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (rc != 0)
        return fail(fromErrno("fsync " + dir.string(), saved));
    return {};
}

namespace {

/// A second name for the file in place, `fresh` (replacing a stale one), to be renamed over
/// the previous one once the new file is in place. False: nothing in place, nothing to keep.
Result<bool> linkInPlace(const std::filesystem::path& path, const std::string& fresh)
{
    if (::unlink(fresh.c_str()) != 0 && errno != ENOENT)
        return fail(fromErrno("unlink " + fresh, errno));
    if (::link(path.c_str(), fresh.c_str()) == 0)
        return true;
    if (errno == ENOENT)
        return false;
    return fail(fromErrno("link " + path.string() + " to " + fresh, errno));
}

/// The temporary file's mode, owner and content, fsync'd.
Result<void> fill(int fd, const std::string& temp, std::string_view content,
                  const ReplaceOptions& options)
{
    if (::fchmod(fd, options.mode) != 0)
        return fail(fromErrno("chmod " + temp, errno));
    if (options.owner && ::fchown(fd, options.owner->uid, options.owner->gid) != 0)
        return fail(fromErrno("chown " + temp, errno));
    return writeAllAndSync(fd, content, temp);
}

} // namespace

Result<void> replaceFile(const std::filesystem::path& path, std::string_view content,
                         const ReplaceOptions& options)
{
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        return fail(fromErrno("create a temporary file in " + dir.string(), errno));
    auto written = fill(fd, temp, content, options);
    ::close(fd);
    // The one in place gets a second name first and becomes the previous one only once the new
    // one is in place: a failure before that leaves both as they were.
    const std::string fresh = options.keepPrevious ? options.keepPrevious->string() + ".new" : "";
    bool kept = false;
    if (written && options.keepPrevious) {
        auto linked = linkInPlace(path, fresh);
        kept = linked && *linked;
        if (!linked)
            written = fail(linked.error());
    }
    if (written && ::rename(temp.c_str(), path.c_str()) != 0)
        written = fail(fromErrno("rename " + temp + " to " + path.string(), errno));
    if (written && kept && ::rename(fresh.c_str(), options.keepPrevious->c_str()) != 0)
        written =
            fail(fromErrno("rename " + fresh + " to " + options.keepPrevious->string(), errno));
    if (!written) {
        ::unlink(temp.c_str());
        if (kept)
            ::unlink(fresh.c_str());
        return written;
    }
    return syncDirectory(dir);
}

} // namespace base
