// SPDX-License-Identifier: Apache-2.0
// kioskctl print: a test receipt on a receipt printer (or its bytes, or its picture), the
// printer's status, and an A4 PDF through CUPS, for technicians connecting and diagnosing.
#include "drivers/a4_printer/cups_printer.h"
#include "drivers/receipt_printer/escpos_encoder.h"
#include "drivers/receipt_printer/escpos_printer.h"
#include "drivers/receipt_printer/escpos_renderer.h"
#include "hal/errc.h"
#include "kiosk/core/receipt.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace kiosk::ctl {

namespace {

namespace rp = drivers::receipt_printer;

struct PrintOptions {
    std::string device;
    std::string profile = "generic-80";
    std::string out;
    std::string png;
    std::string pdf;     ///< print pdf: the document
    std::string printer; ///< print pdf: cups:QUEUE
    bool json = false;
};

/// Everything the encoder does, with no personal data: sizes, bold, alignment, a rule,
/// GB18030 beyond GBK, and a QR that a phone opens.
hal::Receipt testReceipt(const std::string& profile)
{
    using Line = hal::ReceiptLine;
    using Align = Line::Align;
    const std::string qr = core::receiptUrl(core::ReceiptSection{}.qrUrlTemplate, "TEST-0000");
    return {{
        {"打印测试", Align::Center, true, 2},
        {"政务服务自助终端", Align::Center},
        Line::separator(),
        {"型号配置：" + profile},
        {"左对齐 Left"},
        {"居中 Centre", Align::Center},
        {"右对齐 Right", Align::Right},
        {"粗体 Bold", Align::Left, true},
        {"倍高倍宽 x2", Align::Left, false, 2},
        {"生僻字：堃 喆 昇 镕 珺", Align::Left},
        Line::separator(),
        Line::qr(qr),
        {qr, Align::Center},
        {"服务热线：12345", Align::Center, true},
    }};
}

/// What a technician should check, by error.
std::string printerHint(const base::Error& error)
{
    if (error.code == hal::errc::no_device)
        return "; check the cable and the spec (lsusb for usb:VVVV:PPPP, ls -l /dev/usb/ for "
               "file:, ping for tcp:), and that the kiosk user may open it (README, Hardware: "
               "receipt printer)";
    if (error.code == hal::errc::media)
        return "; load paper or close the cover, then print again";
    if (error.code == hal::errc::device_fault)
        return "; the printer reports a fault or does not answer status queries: power-cycle it, "
               "clear the cutter, check the baud rate on serial lines";
    return "";
}

int fail(const base::Error& error, const PrintOptions& options, int exitCode = Failed)
{
    return printError(base::Error{error.code, error.message + printerHint(error)}, options.json,
                      exitCode);
}

base::Result<void> writeFile(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out)
        return base::fail(base::errc::io, "cannot write " + path);
    return {};
}

/// --out and --png: the job's bytes and the picture they make.
base::Result<void> writeOutputs(const PrintOptions& options, const rp::PrinterProfile& profile,
                                const hal::Receipt& receipt)
{
    auto encoder = rp::EscPosEncoder::create(profile);
    if (!encoder)
        return base::fail(encoder.error());
    auto bytes = encoder->encode(receipt);
    if (!bytes)
        return base::fail(bytes.error());
    if (!options.out.empty())
        if (auto written = writeFile(options.out, *bytes); !written)
            return written;
    if (options.png.empty())
        return {};
    auto renderer = rp::EscPosRenderer::create({profile.paperDots, 16, {}});
    if (!renderer)
        return base::fail(renderer.error());
    auto image = renderer->render(*bytes);
    if (!image)
        return base::fail(image.error());
    return rp::writePng(*image, options.png);
}

base::Result<std::shared_ptr<rp::EscPosPrinter>> openPrinter(const PrintOptions& options)
{
    rp::EscPosPrinterOptions printerOptions;
    printerOptions.pollInterval = std::chrono::hours(1); // one command, no background poll
    auto printer = rp::makeEscPosPrinter(options.device, options.profile, printerOptions);
    if (!printer)
        return base::fail(printer.error());
    if (auto opened = (*printer)->open(); !opened)
        return base::fail(opened.error());
    return printer;
}

int runTest(const PrintOptions& options)
{
    auto profile = rp::findProfile(options.profile);
    if (!profile)
        return fail(profile.error(), options, BadUsage);
    if (options.device.empty() && options.out.empty() && options.png.empty())
        return fail({make_error_code(base::errc::invalid_argument),
                     "print test needs --device, --out or --png"},
                    options, BadUsage);
    const auto receipt = testReceipt(options.profile);
    if (auto written = writeOutputs(options, *profile, receipt); !written)
        return fail(written.error(), options);
    nlohmann::json report{{"profile", options.profile}, {"printed", false}};
    if (!options.device.empty()) {
        auto printer = openPrinter(options);
        if (!printer)
            return fail(printer.error(), options,
                        printer.error().code == base::errc::invalid_argument ? BadUsage : Failed);
        if (auto printed = (*printer)->print(receipt); !printed)
            return fail(printed.error(), options);
        report["printed"] = true;
        report["device"] = options.device;
        report["state"] = hal::toString((*printer)->condition());
    }
    if (options.json)
        printJson(report);
    else if (!options.device.empty())
        std::cout << "test receipt printed on " << options.device << " ("
                  << report["state"].get<std::string>() << ")\n";
    return Ok;
}

int runStatus(const PrintOptions& options)
{
    auto printer = openPrinter(options);
    if (!printer)
        return fail(printer.error(), options,
                    printer.error().code == base::errc::invalid_argument ||
                            printer.error().code == base::errc::not_found
                        ? BadUsage
                        : Failed);
    auto status = (*printer)->queryStatus();
    if (!status)
        return fail(status.error(), options);
    const nlohmann::json report{{"state", hal::toString(status->condition)},
                                {"detail", status->detail}};
    if (options.json)
        printJson(report);
    else
        std::cout << "state   " << report["state"].get<std::string>() << "\n"
                  << "detail  " << status->detail << "\n";
    return status->condition == hal::PrinterCondition::Ready ||
                   status->condition == hal::PrinterCondition::PaperLow
               ? Ok
               : Failed;
}

/// An A4 document through CUPS, followed to the end. The server and the job's user come from
/// libcups's defaults (CUPS_SERVER, CUPS_USER, /etc/cups/client.conf).
int runPdf(const PrintOptions& options)
{
    namespace a4 = drivers::a4_printer;
    auto queue = a4::parseCupsSpec(options.printer);
    if (!queue)
        return fail(queue.error(), options, BadUsage);
    if (!std::filesystem::is_regular_file(options.pdf))
        return fail({make_error_code(base::errc::not_found), "cannot read " + options.pdf}, options,
                    BadUsage);
    auto outcome =
        a4::printPdf(*queue, options.pdf, std::filesystem::path(options.pdf).filename().string(),
                     {}, [&](const a4::JobOutcome& progress) {
                         if (!options.json)
                             std::cerr << "job " << progress.jobId << ": "
                                       << a4::toString(progress.state) << "\n";
                     });
    if (!outcome)
        return fail(outcome.error(), options,
                    outcome.error().code == base::errc::not_found ? BadUsage : Failed);
    if (options.json)
        printJson({{"jobId", outcome->jobId}, {"state", a4::toString(outcome->state)}});
    else
        std::cout << "printed on " << options.printer << " (job " << outcome->jobId << ")\n";
    return Ok;
}

} // namespace

void addPrintCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<PrintOptions>();
    auto* print = app.add_subcommand("print", "Test and check the receipt printer");
    print->require_subcommand(1);
    const std::string deviceHelp = "usb:VVVV:PPPP, file:PATH, tcp:HOST[:PORT] or serial:DEV[@BAUD]";

    auto* test = print->add_subcommand(
        "test", "Print a test receipt (or write its bytes with --out, its picture with --png)");
    test->add_option("--device", options->device, deviceHelp);
    test->add_option("--profile", options->profile,
                     "generic-80, generic-58, generic-80-raster or generic-58-nocut")
        ->capture_default_str();
    test->add_option("--out", options->out, "Write the ESC/POS bytes to this file");
    test->add_option("--png", options->png, "Write the receipt as the paper would show it");
    test->add_flag("--json", options->json, "Print JSON");
    test->callback([options, &exitCode] { exitCode = runTest(*options); });

    auto* status = print->add_subcommand(
        "status", "Ask the printer (DLE EOT): ready, paper_low, paper_out, cover_open, "
                  "cutter_jam or offline; exit 1 unless it can print");
    status->add_option("--device", options->device, deviceHelp)->required();
    status->add_option("--profile", options->profile, "Printer profile")->capture_default_str();
    status->add_flag("--json", options->json, "Print JSON");
    status->callback([options, &exitCode] { exitCode = runStatus(*options); });

    auto* pdf = print->add_subcommand(
        "pdf", "Print an A4 PDF through CUPS and follow the job until it is printed or fails");
    pdf->add_option("file", options->pdf, "The PDF")->required();
    pdf->add_option("--printer", options->printer, "cups:QUEUE_NAME")->required();
    pdf->add_flag("--json", options->json, "Print JSON");
    pdf->callback([options, &exitCode] { exitCode = runPdf(*options); });
}

} // namespace kiosk::ctl
