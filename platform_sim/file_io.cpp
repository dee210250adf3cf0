// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/file_io.h"

#include "base/durable_file.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace platform_sim {

namespace {
base::Result<std::string> readAll(int fd, const std::string& path)
{
    std::string bytes;
    char buffer[64 * 1024];
    while (true) {
        const auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return base::fail(base::fromErrno("read " + path, errno));
        if (n == 0)
            return bytes;
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
}
} // namespace

base::Result<std::string> readFile(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        return base::fail(base::errc::not_found, path + " does not exist");
    if (fd < 0)
        return base::fail(base::fromErrno("open " + path, errno));
    auto bytes = readAll(fd, path);
    ::close(fd);
    return bytes;
}

base::Result<void> writeFileAtomically(const std::string& path, const std::string& bytes)
{
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return base::fail(base::fromErrno("open " + temporary, errno));
    auto written = base::writeAllAndSync(fd, bytes, temporary);
    ::close(fd);
    if (written && ::rename(temporary.c_str(), path.c_str()) != 0)
        written = base::fail(base::fromErrno("rename " + temporary, errno));
    if (!written)
        ::unlink(temporary.c_str());
    return written;
}

} // namespace platform_sim
