// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/system_command.h"

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kiosk::core {

namespace {

/// Closes a file descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    void reset()
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

/// Reads `fd` to its end, keeping the first maxCommandOutput bytes (the rest is drained so
/// the program never blocks on a full pipe).
std::string drain(int fd)
{
    std::string text;
    std::array<char, 4096> buffer{};
    for (;;) {
        const auto got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return text;
        const auto room = maxCommandOutput - std::min(text.size(), maxCommandOutput);
        text.append(buffer.data(), std::min(room, static_cast<std::size_t>(got)));
    }
}

int waitFor(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

} // namespace

base::Result<CommandOutput> runProgram(const std::vector<std::string>& argv)
{
    if (argv.empty())
        return base::fail(base::errc::invalid_argument, "no program to run");
    std::array<int, 2> pipeFds{};
    if (::pipe2(pipeFds.data(), O_CLOEXEC) != 0)
        return base::fail(base::fromErrno("pipe", errno));
    Fd readEnd(pipeFds[0]);
    Fd writeEnd(pipeFds[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, writeEnd.fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, writeEnd.fd, STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str())); // posix_spawn does not write them
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        if (spawned == ENOENT)
            return base::fail(base::errc::not_found, argv[0] + ": not installed");
        return base::fail(base::fromErrno("start " + argv[0], spawned));
    }
    writeEnd.reset(); // the child holds it now: EOF once the child exits
    CommandOutput outcome;
    outcome.output = drain(readEnd.fd);
    outcome.exitCode = waitFor(pid);
    return outcome;
}

std::string lastLine(const std::string& output)
{
    auto end = output.find_last_not_of(" \t\r\n");
    if (end == std::string::npos)
        return {};
    const auto start = output.rfind('\n', end);
    auto line = output.substr(start == std::string::npos ? 0 : start + 1,
                              end + 1 - (start == std::string::npos ? 0 : start + 1));
    return line.size() > 200 ? line.substr(0, 200) + "..." : line;
}

} // namespace kiosk::core
