// SPDX-License-Identifier: Apache-2.0
// One HTTP connection per print: check the queue, submit with cupsPrintFile2, then poll
// Get-Job-Attributes (and the printer's state while the job waits) until a final state.
#include "drivers/a4_printer/cups_printer.h"

#include "hal/errc.h"

#include <cups/cups.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace drivers::a4_printer {

namespace {

using Http = std::unique_ptr<http_t, void (*)(http_t*)>;
using Ipp = std::unique_ptr<ipp_t, void (*)(ipp_t*)>;

base::Result<Http> connect(const CupsOptions& options)
{
    const std::string server = options.server.empty() ? cupsServer() : options.server;
    int port = ippPort();
    std::string host = server;
    if (!server.starts_with('/'))
        if (const auto colon = server.rfind(':'); colon != std::string::npos) {
            host = server.substr(0, colon);
            port = std::atoi(server.c_str() + colon + 1);
        }
    http_t* http = httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC,
                                HTTP_ENCRYPTION_IF_REQUESTED, 1, 10000, nullptr);
    if (http == nullptr)
        return base::fail(hal::errc::no_device, "cannot reach the CUPS server " + server);
    return Http(http, httpClose);
}

std::string printerUri(const std::string& queue)
{
    char uri[1024];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0,
                     "/printers/%s", queue.c_str());
    return uri;
}

std::string reasons(ipp_t* response, const char* name)
{
    std::string text;
    if (ipp_attribute_t* attribute = ippFindAttribute(response, name, IPP_TAG_ZERO))
        for (int i = 0; i < ippGetCount(attribute); ++i)
            if (const char* value = ippGetString(attribute, i, nullptr)) {
                if (std::string_view(value) == "none")
                    continue;
                text += (text.empty() ? "" : ", ") + std::string(value);
            }
    return text;
}

struct PrinterState {
    bool stopped = false;
    bool accepting = true;
    std::string detail;
};

base::Result<PrinterState> printerState(http_t* http, const std::string& queue)
{
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 printerUri(queue).c_str());
    Ipp response(cupsDoRequest(http, request, "/"), ippDelete);
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
        return base::fail(base::errc::not_found, "CUPS has no queue \"" + queue + "\"");
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
        return base::fail(hal::errc::no_device, std::string("CUPS: ") + cupsLastErrorString());
    PrinterState state;
    state.stopped = ippGetInteger(ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM),
                                  0) == IPP_PSTATE_STOPPED;
    state.accepting = ippGetBoolean(
        ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN), 0);
    state.detail = reasons(response.get(), "printer-state-reasons");
    if (const char* message = ippGetString(
            ippFindAttribute(response.get(), "printer-state-message", IPP_TAG_TEXT), 0, nullptr);
        message != nullptr && *message != '\0')
        state.detail += (state.detail.empty() ? "" : ": ") + std::string(message);
    return state;
}

JobState fromIpp(int state)
{
    switch (state) {
    case IPP_JSTATE_PROCESSING:
        return JobState::Printing;
    case IPP_JSTATE_STOPPED:
        return JobState::Stopped;
    case IPP_JSTATE_CANCELED:
        return JobState::Cancelled;
    case IPP_JSTATE_ABORTED:
        return JobState::Aborted;
    case IPP_JSTATE_COMPLETED:
        return JobState::Completed;
    default:
        return JobState::Queued; // pending, held
    }
}

base::Result<JobOutcome> jobState(http_t* http, const std::string& queue, int jobId)
{
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 printerUri(queue).c_str());
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobId);
    Ipp response(cupsDoRequest(http, request, "/"), ippDelete);
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
        return base::fail(hal::errc::no_device, std::string("CUPS: ") + cupsLastErrorString());
    JobOutcome outcome;
    outcome.jobId = jobId;
    outcome.state =
        fromIpp(ippGetInteger(ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM), 0));
    outcome.detail = reasons(response.get(), "job-state-reasons");
    return outcome;
}

/// IPP Print-Job with the file as the document (cupsPrintFile2 looks the queue up through the
/// default server, not through `http`). Returns the job id.
base::Result<int> submit(http_t* http, const std::string& queue, const std::string& pdfFile,
                         const std::string& title)
{
    ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 printerUri(queue).c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                 cupsUser());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/pdf");
    Ipp response(cupsDoFileRequest(http, request, ("/printers/" + queue).c_str(), pdfFile.c_str()),
                 ippDelete);
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
        return base::fail(hal::errc::device_fault,
                          "CUPS refused the job: " + std::string(cupsLastErrorString()));
    const int jobId = ippGetInteger(ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER), 0);
    if (jobId <= 0)
        return base::fail(hal::errc::protocol, "CUPS accepted the job but gave no job id");
    return jobId;
}

/// The error for a job that ended (or is stuck) without being printed.
base::Error failed(const JobOutcome& outcome, std::string_view why)
{
    const auto code =
        outcome.state == JobState::Cancelled ? hal::errc::cancelled : hal::errc::device_fault;
    return {make_error_code(code), "job " + std::to_string(outcome.jobId) + " " + std::string(why) +
                                       (outcome.detail.empty() ? "" : " (" + outcome.detail + ")")};
}

} // namespace

base::Result<std::string> parseCupsSpec(std::string_view spec)
{
    if (!spec.starts_with("cups:") || spec.size() == 5 ||
        spec.find_first_of("/ \t#?") != std::string_view::npos)
        return base::fail(base::errc::invalid_argument,
                          "A4 printer \"" + std::string(spec) + "\": expected cups:QUEUE_NAME");
    return std::string(spec.substr(5));
}

base::Result<JobOutcome> printPdf(const std::string& queue, const std::string& pdfFile,
                                  const std::string& title, const CupsOptions& options,
                                  const std::function<void(const JobOutcome&)>& progress,
                                  std::stop_token stop)
{
    auto http = connect(options);
    if (!http)
        return base::fail(http.error());
    if (!options.user.empty())
        cupsSetUser(options.user.c_str());
    auto printer = printerState(http->get(), queue);
    if (!printer)
        return base::fail(printer.error());
    if (!printer->accepting)
        return base::fail(hal::errc::device_fault, "CUPS queue \"" + queue +
                                                       "\" is not accepting jobs (" +
                                                       printer->detail + ")");
    auto jobId = submit(http->get(), queue, pdfFile, title);
    if (!jobId)
        return base::fail(jobId.error());
    const auto deadline = options.clock->deadlineIn(options.timeout);
    JobOutcome last{*jobId, JobState::Queued, {}};
    for (bool first = true;; first = false) {
        auto outcome = jobState(http->get(), queue, *jobId);
        if (!outcome)
            return base::fail(outcome.error());
        if (first || outcome->state != last.state) {
            last = *outcome;
            if (progress)
                progress(last);
        }
        switch (last.state) {
        case JobState::Completed:
            return last;
        case JobState::Cancelled:
            return base::fail(failed(last, "was cancelled"));
        case JobState::Aborted:
            return base::fail(failed(last, "was aborted by CUPS"));
        case JobState::Stopped: // CUPS stops a job whose filters failed; it does not go on
            return base::fail(failed(last, "stopped without printing"));
        case JobState::Queued:
        case JobState::Printing:
            break;
        }
        // A job waiting on a stopped printer would wait for a technician: say so now.
        if (auto state = printerState(http->get(), queue); state && state->stopped) {
            last.detail = state->detail;
            return base::fail(failed(last, "is waiting: the printer is stopped"));
        }
        if (options.clock->steadyNow() >= deadline)
            return base::fail(hal::errc::timeout, "job " + std::to_string(*jobId) +
                                                      " did not finish in time (still " +
                                                      std::string(toString(last.state)) + ")");
        if (!options.clock->sleepFor(options.pollInterval, stop) || stop.stop_requested())
            return base::fail(hal::errc::cancelled,
                              "job " + std::to_string(*jobId) + " no longer followed (still " +
                                  std::string(toString(last.state)) +
                                  "): the kiosk is stopping; CUPS goes on with it");
    }
}

base::Result<hal::DocumentJob> CupsDocumentPrinter::printPdfImpl(std::string_view pdf,
                                                                 const std::string& title,
                                                                 const Progress& progress,
                                                                 std::stop_token stop)
{
    // A certificate carries personal data: a file only this process can read, gone as soon
    // as CUPS has its copy (the job is submitted before the follow loop starts).
    std::string path = (std::filesystem::temp_directory_path() / "kiosk-a4-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0)
        return base::fail(base::fromErrno("mkstemp", errno));
    std::size_t written = 0;
    while (written < pdf.size()) {
        const ssize_t n = ::write(fd, pdf.data() + written, pdf.size() - written);
        if (n <= 0)
            break;
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (written != pdf.size()) {
        ::unlink(path.c_str());
        return base::fail(base::errc::io, "cannot write the document to " + path);
    }
    bool removed = false;
    auto outcome = drivers::a4_printer::printPdf(
        queue_, path, title, options_,
        [&](const hal::DocumentJob& job) {
            if (!removed)
                removed = ::unlink(path.c_str()) == 0; // submitted: CUPS holds its own copy
            if (progress)
                progress(job);
        },
        std::move(stop));
    if (!removed)
        ::unlink(path.c_str());
    return outcome;
}

} // namespace drivers::a4_printer
