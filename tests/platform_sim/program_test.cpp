// SPDX-License-Identifier: Apache-2.0
// The platform-sim program: flags, --print-port, and a clean stop on SIGTERM.
#include "sim_fixture.h"

#include "base/random.h"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sim_test {
namespace {

/// The program started with `arguments`, its stdout on a pipe. Killed if still running at the end.
class Program {
public:
    explicit Program(std::vector<std::string> arguments)
    {
        int pipeFds[2];
        EXPECT_EQ(::pipe(pipeFds), 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
        arguments.insert(arguments.begin(), PLATFORM_SIM_PROGRAM);
        std::vector<char*> argv;
        for (std::string& argument : arguments)
            argv.push_back(argument.data());
        argv.push_back(nullptr);
        EXPECT_EQ(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ), 0);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipeFds[1]);
        stdout_ = ::fdopen(pipeFds[0], "r");
    }
    ~Program()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (stdout_ != nullptr)
            std::fclose(stdout_);
    }
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    std::string firstLine()
    {
        char line[64] = {};
        return std::fgets(line, sizeof line, stdout_) != nullptr ? line : "";
    }
    /// Sends SIGTERM, then wait()s.
    int terminate()
    {
        ::kill(pid_, SIGTERM);
        return wait();
    }
    /// Waits for the program to end; its exit status, or -1 if a signal ended it.
    int wait()
    {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
    FILE* stdout_ = nullptr;
};

TEST(PlatformSimProgram, PrintsItsPortAppliesFaultFlagsAndStopsOnSigterm)
{
    TempDir dir;
    Program program({"--port", "0", "--print-port", "--kiosk-id", kioskId, "--fail-next", "1",
                     "--fail-status", "429", "--retry-after", "3", "--state-file",
                     dir.file("state.json")});

    const std::string line = program.firstLine();
    ASSERT_FALSE(line.empty()) << "no port printed";
    const int port = std::stoi(line);
    httplib::Client client("127.0.0.1", port);
    const std::string key = base::makeUuidV4();
    const httplib::Headers headers{{"X-Kiosk-Id", kioskId}, {"Idempotency-Key", key}};
    const auto failed = client.Post("/v1/cases", headers, caseBody(key).dump(), "application/json");
    const auto created =
        client.Post("/v1/cases", headers, caseBody(key).dump(), "application/json");

    ASSERT_TRUE(failed && created);
    EXPECT_EQ(failed->status, 429);
    EXPECT_EQ(failed->get_header_value("Retry-After"), "3");
    EXPECT_EQ(created->status, 201);
    EXPECT_EQ(program.terminate(), 0);
    EXPECT_TRUE(std::filesystem::exists(dir.file("state.json")));
}

TEST(PlatformSimProgram, RefusesATlsKeyWithoutACertificate)
{
    TempDir dir;
    std::ofstream(dir.file("key.pem")) << "not a key";
    Program program({"--tls-key", dir.file("key.pem")});

    EXPECT_GT(program.wait(), 0); // a usage error, before anything starts
}

} // namespace
} // namespace sim_test
