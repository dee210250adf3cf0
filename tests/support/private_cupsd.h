// SPDX-License-Identifier: Apache-2.0
// test_support::PrivateCupsd: a real cupsd started in a private folder (its own cupsd.conf and
// cups-files.conf, listening on a free loopback port and a socket there), with a cups-pdf
// queue, so A4 printing runs against CUPS for real without touching the system's CUPS. cups-pdf
// writes jobs of an unknown user to /var/spool/cups-pdf/ANONYMOUS/<title>*.pdf (its packaged
// default); the test names its jobs uniquely and removes what it finds.
#pragma once

#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace test_support {

class PrivateCupsd {
public:
    PrivateCupsd() : port_(freeLoopbackPort())
    {
        const auto root = dir_.path();
        for (const char* sub : {"spool", "cache", "run", "tmp", "log", "ppd"})
            std::filesystem::create_directories(root / sub);
        // Filters run as lp and write temporary files here.
        ::chmod((root / "tmp").c_str(), 01777);
        ::chmod(root.c_str(), 0755);
        std::ofstream(root / "cupsd.conf")
            << "Listen 127.0.0.1:" << port_ << "\nListen " << (root / "cups.sock").string()
            << "\nLogLevel info\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
               "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
               "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
               "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n";
        std::ofstream(root / "cups-files.conf")
            << "ServerRoot " << root.string() << "\nRequestRoot " << (root / "spool").string()
            << "\nCacheDir " << (root / "cache").string() << "\nStateDir "
            << (root / "run").string() << "\nTempDir " << (root / "tmp").string() << "\nErrorLog "
            << (root / "log/error_log").string() << "\nAccessLog "
            << (root / "log/access_log").string() << "\nPageLog "
            << (root / "log/page_log").string()
            << "\nDataDir /usr/share/cups\nServerBin /usr/lib/cups\nUser lp\nGroup lp\n"
               "SystemGroup root\nSandboxing Relaxed\n";
        pid_ = spawn({"/usr/sbin/cupsd", "-f", "-c", (root / "cupsd.conf").string(), "-s",
                      (root / "cups-files.conf").string()});
        waitUntilListening();
    }
    PrivateCupsd(const PrivateCupsd&) = delete;
    PrivateCupsd& operator=(const PrivateCupsd&) = delete;
    ~PrivateCupsd()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
    }

    /// "127.0.0.1:PORT", for libcups (CUPS_SERVER) and lpadmin -h.
    [[nodiscard]] std::string server() const { return "127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] std::filesystem::path errorLog() const { return dir_.path() / "log/error_log"; }

    /// Adds a cups-pdf queue (enabled, accepting) with the given error policy.
    void addPdfQueue(const std::string& name, const std::string& errorPolicy = "abort-job")
    {
        run({"/usr/sbin/lpadmin", "-h", server(), "-p", name, "-E", "-v", "cups-pdf:/", "-P",
             "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd", "-o",
             "printer-error-policy=" + errorPolicy});
    }
    /// Adds a queue whose printer is a raw TCP socket (AppSocket/JetDirect, CUPS's socket
    /// backend) on 127.0.0.1:`port`. A listener that never reads nor closes is a printer that
    /// takes a job and never finishes it.
    void addSocketQueue(const std::string& name, int port)
    {
        run({"/usr/sbin/lpadmin", "-h", server(), "-p", name, "-E", "-v",
             "socket://127.0.0.1:" + std::to_string(port), "-P",
             "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"});
    }
    /// cupsdisable: the queue stops (jobs wait), as a printer a technician paused or that
    /// failed.
    void stopQueue(const std::string& name)
    {
        run({"/usr/sbin/cupsdisable", "-h", server(), name});
    }

    /// Runs a CUPS command-line tool; throws if it fails.
    static void run(const std::vector<std::string>& command)
    {
        const pid_t pid = spawn(command, true);
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw std::runtime_error(command[0] + " failed");
    }

private:
    static pid_t spawn(const std::vector<std::string>& command, bool quiet = false)
    {
        std::vector<char*> argv;
        for (const auto& part : command)
            argv.push_back(const_cast<char*>(part.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        if (quiet)
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0)
            throw std::runtime_error("cannot start " + command[0] + " (install cups-daemon)");
        return pid;
    }

    void waitUntilListening()
    {
        for (int i = 0; i < 500; ++i) {
            if (loopbackPortAccepts(port_))
                return;
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("cupsd exited at start");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        throw std::runtime_error("cupsd did not start listening");
    }

    TempDir dir_;
    int port_;
    pid_t pid_ = -1;
};

} // namespace test_support
