// SPDX-License-Identifier: Apache-2.0
// A4 printing against a real cupsd started in a private folder with the cups-pdf virtual
// printer: the PDF that comes out is read back with pdftotext.
#include "base/random.h"
#include "drivers/a4_printer/cups_printer.h"
#include "hal/errc.h"
#include "platform_sim/pdf.h"
#include "tests/support/private_cupsd.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <stop_token>
#include <thread>

using namespace std::chrono_literals;
using namespace drivers::a4_printer;

namespace {

/// Where cups-pdf puts the jobs of a user it does not know (its packaged configuration).
const std::filesystem::path kAnonymousOut = "/var/spool/cups-pdf/ANONYMOUS";

class CupsPrinter : public testing::Test {
protected:
    void SetUp() override
    {
        cupsd_.addPdfQueue("kiosk-a4");
        options_.server = cupsd_.server();
        options_.user = "kiosk-print-test"; // not a local account: cups-pdf's anonymous folder
        options_.pollInterval = 100ms;
        options_.timeout = 60s;
        title_ = "kiosk-test-" + base::makeUuidV4();
        before_ = listing();
    }
    /// Removes what cups-pdf wrote for this test: files under its title, and a new "0.pdf" (a
    /// job whose PDF is broken comes out untitled). Other tests' files, possibly written
    /// meanwhile by a test running in parallel, stay.
    void TearDown() override
    {
        for (const auto& file : listing())
            if (file.filename().string().starts_with(title_) ||
                (!before_.contains(file) && file.filename() == "0.pdf"))
                std::filesystem::remove(file);
    }
    static std::set<std::filesystem::path> listing()
    {
        std::set<std::filesystem::path> files;
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(kAnonymousOut, error))
            files.insert(entry.path());
        return files;
    }

    std::string certificate(const std::string& text)
    {
        const auto path = dir_.file("certificate.pdf");
        std::ofstream(path, std::ios::binary) << platform_sim::makePdf(text);
        return path;
    }

    /// The PDFs cups-pdf wrote for this test's title.
    std::vector<std::filesystem::path> outputs() const
    {
        std::vector<std::filesystem::path> found;
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(kAnonymousOut, error))
            if (entry.path().filename().string().starts_with(title_))
                found.push_back(entry.path());
        return found;
    }

    static std::string pdfText(const std::filesystem::path& pdf)
    {
        std::string text;
        FILE* pipe = popen(("pdftotext '" + pdf.string() + "' - 2>/dev/null").c_str(), "r");
        std::array<char, 4096> buffer{};
        while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe))
            text.append(buffer.data(), n);
        pclose(pipe);
        return text;
    }

    test_support::TempDir dir_;
    test_support::PrivateCupsd cupsd_;
    CupsOptions options_;
    std::string title_;
    std::set<std::filesystem::path> before_;
};

} // namespace

TEST_F(CupsPrinter, CertificateIsPrintedAndItsTextComesOutOfCupsPdf)
{
    std::vector<JobState> seen;
    auto outcome =
        printPdf("kiosk-a4", certificate("Certificate DOC-510703-20261123-000123"), title_,
                 options_, [&](const JobOutcome& o) { seen.push_back(o.state); });
    ASSERT_TRUE(outcome) << outcome.error().describe();
    EXPECT_EQ(outcome->state, JobState::Completed);
    EXPECT_GT(outcome->jobId, 0);
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back(), JobState::Completed) << "the citizen's screen hears the end";
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < 100 && files.empty(); ++i) { // cups-pdf renames its output last
        files = outputs();
        std::this_thread::sleep_for(50ms);
    }
    ASSERT_EQ(files.size(), 1u) << "cups-pdf wrote the job to " << kAnonymousOut;
    EXPECT_NE(pdfText(files[0]).find("Certificate DOC-510703-20261123-000123"), std::string::npos);
}

TEST_F(CupsPrinter, DocumentPrinterPrintsBytesAndLeavesNoTemporaryFile)
{
    CupsDocumentPrinter printer("kiosk-a4", options_);
    auto job = printer.printPdf(platform_sim::makePdf("Certificate from bytes"), title_, {});
    ASSERT_TRUE(job) << job.error().describe();
    EXPECT_EQ(job->state, hal::DocumentJobState::Completed);
    EXPECT_EQ(printer.describe(), "cups:kiosk-a4");
    std::size_t left = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        left += entry.path().filename().string().starts_with("kiosk-a4-");
    EXPECT_EQ(left, 0u) << "the certificate's temporary copy is gone";
}

TEST_F(CupsPrinter, MissingQueueIsNotFound)
{
    auto outcome = printPdf("no-such-queue", certificate("x"), title_, options_);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, base::errc::not_found);
}

TEST_F(CupsPrinter, StoppedPrinterIsReportedNotWaitedFor)
{
    cupsd_.stopQueue("kiosk-a4");
    auto outcome = printPdf("kiosk-a4", certificate("x"), title_, options_);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, hal::errc::device_fault);
    EXPECT_NE(outcome.error().message.find("stopped"), std::string::npos)
        << outcome.error().message;
}

TEST_F(CupsPrinter, JobThatCannotBePrintedIsReportedAsNotPrinted)
{
    const auto garbage = dir_.file("broken.pdf");
    std::ofstream(garbage) << "%PDF-1.4\nthis is not a PDF body\n";
    auto outcome = printPdf("kiosk-a4", garbage, title_, options_);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, hal::errc::device_fault);
    // CUPS 2.4 stops the job (job-completed-with-errors); other versions abort it.
    const auto& message = outcome.error().message;
    EXPECT_TRUE(message.find("stopped without printing") != std::string::npos ||
                message.find("aborted") != std::string::npos)
        << message;
}

// The kiosk stops (systemd, the watchdog) while a certificate prints on a printer that takes
// its time: the worker following the job is not held for the job's timeout (minutes).
TEST_F(CupsPrinter, AStopRequestedWhileAJobPrintsEndsTheWaitAtOnce)
{
    // The printer: a socket that is listened on and never read nor closed.
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener, 4), 0);
    ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
    cupsd_.addSocketQueue("kiosk-slow", ntohs(address.sin_port));

    CupsDocumentPrinter printer("kiosk-slow", options_);
    std::atomic<bool> printing{false};
    std::optional<base::Result<hal::DocumentJob>> outcome;
    std::stop_source stop;
    std::jthread follower([&] {
        outcome = printer.printPdf(
            platform_sim::makePdf("Certificate"), title_,
            [&](const hal::DocumentJob& job) {
                if (job.state == hal::DocumentJobState::Printing)
                    printing = true;
            },
            stop.get_token());
    });
    for (int i = 0; i < 300 && !printing; ++i) // the socket backend has the job
        std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(printing) << "the job never started printing";
    const auto before = std::chrono::steady_clock::now();
    stop.request_stop();
    follower.join();
    const auto took = std::chrono::steady_clock::now() - before;
    EXPECT_LT(took, 200ms);
    ASSERT_TRUE(outcome.has_value());
    ASSERT_FALSE(*outcome);
    EXPECT_EQ(outcome->error().code, hal::errc::cancelled);
    EXPECT_NE(outcome->error().message.find("CUPS goes on with it"), std::string::npos)
        << outcome->error().message;
    ::close(listener);
}

TEST_F(CupsPrinter, UnreachableServerIsNoDevice)
{
    options_.server = "127.0.0.1:1";
    auto outcome = printPdf("kiosk-a4", certificate("x"), title_, options_);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, hal::errc::no_device);
}

TEST(CupsSpec, OnlyCupsQueueNames)
{
    EXPECT_EQ(*parseCupsSpec("cups:Office_A4"), "Office_A4");
    EXPECT_FALSE(parseCupsSpec("cups:"));
    EXPECT_FALSE(parseCupsSpec("ipp://host/printers/x"));
    EXPECT_FALSE(parseCupsSpec("cups:a/b"));
}
