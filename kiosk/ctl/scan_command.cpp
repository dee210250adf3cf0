// SPDX-License-Identifier: Apache-2.0
// kioskctl scan: reads codes from a scanner or a camera source and shows what the kiosk
// would make of them, so a technician can check a scanner without the UI.
#include "drivers/registry.h"
#include "kiosk/core/config.h"
#include "kiosk/core/scanned_payload.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <set>

namespace kiosk::ctl {

namespace {

struct ScanOptions {
    std::string device;
    std::string formats = "QRCode";
    double timeoutSeconds = 10;
    bool all = false;
    bool json = false;
};

/// One scanned code as scripts see it: format and text, plus the kiosk's classification;
/// a code the kiosk refuses is shown with the reason only (its bytes may be anything).
nlohmann::json codeJson(const hal::ScannedCode& code)
{
    // No --config here: receipt URLs are recognised by the template every kiosk ships with.
    auto payload = core::classifyPayload(code.text, core::ReceiptSection{}.qrUrlTemplate);
    if (!payload)
        return {{"format", code.format},
                {"kind", "refused"},
                {"reason", payload.error().message},
                {"message", core::citizenMessage(payload.error())}};
    nlohmann::json json{
        {"format", code.format}, {"text", code.text}, {"kind", core::toString(payload->kind)}};
    if (payload->kind == core::PayloadKind::Receipt) {
        json["receiptRef"] = payload->receiptRef;
        if (!payload->submissionId.empty())
            json["submissionId"] = payload->submissionId;
    }
    return json;
}

int runScan(const ScanOptions& options)
{
    if (options.device.empty() || options.device == "fake")
        return printError({make_error_code(base::errc::invalid_argument),
                           "--device needs camera:/dev/videoN, image:FILE, video:FILE, "
                           "serial:DEV or evdev:DEV"},
                          options.json, BadUsage);
    auto scanner = drivers::createCodeScanner(options.device, options.formats);
    if (!scanner)
        return printError(scanner.error(), options.json, BadUsage);
    if (auto opened = (*scanner)->open(); !opened)
        return printError(opened.error().withContext(options.device), options.json,
                          opened.error().code == base::errc::invalid_argument ? BadUsage : Failed);

    using Clock = std::chrono::steady_clock;
    const auto deadline =
        Clock::now() + std::chrono::milliseconds(static_cast<long>(options.timeoutSeconds * 1000));
    nlohmann::json codes = nlohmann::json::array();
    std::set<std::string> seen; // one line per distinct code, however often it is shown
    while (Clock::now() < deadline) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        auto code = (*scanner)->scan(left);
        if (!code)
            return printError(code.error().withContext(options.device), options.json);
        if (!*code)
            continue;
        if (!seen.insert((*code)->text).second)
            continue;
        codes.push_back(codeJson(**code));
        if (!options.json)
            std::cout << codes.back().value("format", "") << "  " << codes.back().value("kind", "")
                      << "  " << codes.back().value("text", codes.back().value("reason", ""))
                      << std::endl;
        if (!options.all)
            break;
    }
    (*scanner)->close();
    if (options.json)
        printJson({{"codes", codes}});
    else if (codes.empty())
        std::cerr << "kioskctl: no code seen within " << options.timeoutSeconds << " s\n";
    return codes.empty() ? Failed : Ok;
}

} // namespace

void addScanCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<ScanOptions>();
    auto* command = app.add_subcommand("scan", "Read codes from a scanner or camera source");
    command
        ->add_option("--device", options->device,
                     "camera:/dev/videoN | image:FILE | video:FILE | serial:DEV | evdev:DEV")
        ->required();
    command
        ->add_option("--formats", options->formats,
                     "Camera: ZXing formats to look for, e.g. QRCode|DataMatrix|Code128")
        ->capture_default_str();
    command->add_option("--timeout", options->timeoutSeconds, "Seconds to wait")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command->add_flag("--all", options->all, "Keep scanning until the timeout");
    command->add_flag("--json", options->json, "Print JSON");
    command->callback([options, &exitCode] { exitCode = runScan(*options); });
}

} // namespace kiosk::ctl
