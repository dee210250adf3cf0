// SPDX-License-Identifier: Apache-2.0
#include "base/durable_file.h"

#include <cerrno>
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

} // namespace base
