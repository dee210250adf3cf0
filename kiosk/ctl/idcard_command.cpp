// SPDX-License-Identifier: Apache-2.0
// kioskctl idcard: read a card, decode a captured frame, or check a reader, for technicians.
// Personal data is masked unless --unmasked is given, and every buffer is zeroed after use.
#include "base/secure_buffer.h"
#include "drivers/card_reader/card_checks.h"
#include "drivers/card_reader/card_record.h"
#include "drivers/card_reader/sam_card_reader.h"
#include "hal/errc.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <iterator>

namespace kiosk::ctl {

namespace {

struct IdcardOptions {
    std::string device;
    std::string file;
    std::string photoDecoder;
    double timeoutSeconds = 10;
    bool unmasked = false;
    bool json = false;
};

/// Keeps the first `head` and last `tail` characters (UTF-8 aware) and stars the rest.
std::string mask(const std::string& text, std::size_t head, std::size_t tail)
{
    std::vector<std::string> characters;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 1;
        while (i + length < text.size() &&
               (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80)
            ++length;
        characters.push_back(text.substr(i, length));
        i += length;
    }
    std::string out;
    for (std::size_t i = 0; i < characters.size(); ++i)
        out += (i < head || i + tail >= characters.size()) ? characters[i] : "*";
    return out;
}

nlohmann::json cardJson(const hal::CardData& card, bool unmasked, const std::string& samId)
{
    const bool foreign = card.type == hal::CardType::ForeignPermanent2017 ||
                         card.type == hal::CardType::ForeignPermanent2023;
    auto shown = [&](const std::string& value, bool carried, std::size_t head, std::size_t tail) {
        if (!carried || (value.empty() && head == 0))
            return nlohmann::json(nullptr);
        return nlohmann::json(unmasked ? value : mask(value, head, tail));
    };
    auto plain = [](const std::string& value) {
        return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
    };
    nlohmann::json out;
    out["cardType"] = hal::toString(card.type);
    out["name"] = card.name.empty() ? nlohmann::json(nullptr) : shown(card.name, true, 1, 0);
    out["nameEn"] =
        card.nameEn.empty() ? nlohmann::json(nullptr) : shown(card.nameEn, foreign, 1, 0);
    out["sex"] = hal::toString(card.sex);
    out["nation"] = card.type == hal::CardType::Resident ? plain(card.nation) : nullptr;
    out["birthDate"] = plain(card.birthDate);
    // The address is as personal as the name: masked after its region by default.
    out["address"] =
        foreign || card.address.empty() ? nlohmann::json(nullptr) : shown(card.address, true, 6, 0);
    out["idNumber"] = shown(card.idNumber, true, 6, 4);
    out["issuer"] = plain(card.issuer);
    out["validFrom"] = plain(card.validFrom);
    out["validUntil"] = plain(card.validUntil);
    out["idNumberValid"] = drivers::card_reader::idNumberValid(card);
    out["expired"] = drivers::card_reader::expired(card, drivers::card_reader::localDateToday());
    out["samId"] = samId.empty() ? nlohmann::json(nullptr) : nlohmann::json(samId);
    return out;
}

/// Prints the card and then wipes the JSON's strings as far as the library allows.
int printCard(hal::CardData& card, const IdcardOptions& options, const std::string& samId)
{
    auto document = cardJson(card, options.unmasked, samId);
    card.wipe();
    if (options.json) {
        printJson(document);
    } else {
        for (const auto& [key, value] : document.items())
            std::cout << key << ": "
                      << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
    }
    for (auto& value : document)
        if (value.is_string())
            base::secureZero(value.get_ref<std::string&>());
    return Ok;
}

/// What a technician should check, by error.
std::string cardReaderHint(const base::Error& error)
{
    if (error.code == hal::errc::no_device)
        return "; check the cable and the device spec (ls -l /dev/serial/by-id/, lsusb), and "
               "that the kiosk user may open it (see README, Hardware: ID card reader)";
    if (error.code == hal::errc::timeout)
        return "; the reader does not answer: check the baud rate (115200), that no other "
               "program holds the port, and power-cycle the reader";
    if (error.code == hal::errc::device_fault)
        return "; the reader's security module (SAM) is faulty or not authorised: replace the "
               "reader or have the vendor re-authorise it";
    if (error.code == base::errc::io || error.code == std::errc::permission_denied ||
        error.code == std::errc::device_or_resource_busy)
        return "; permission denied or the port is busy: see README, Hardware: ID card reader";
    return "";
}

int fail(const base::Error& error, const IdcardOptions& options, int exitCode = Failed)
{
    return printError(base::Error{error.code, error.message + cardReaderHint(error)}, options.json,
                      exitCode);
}

base::Result<std::unique_ptr<drivers::card_reader::SamCardReader>>
openReader(const IdcardOptions& options)
{
    drivers::card_reader::SamReaderOptions readerOptions;
    if (!options.photoDecoder.empty()) {
        auto decoder = drivers::card_reader::PhotoDecoder::load(options.photoDecoder);
        if (!decoder)
            return base::fail(decoder.error());
        readerOptions.photoDecoder = *decoder;
    }
    auto reader = drivers::card_reader::makeSamCardReader(options.device, readerOptions);
    if (!reader)
        return base::fail(reader.error());
    if (auto opened = (*reader)->open(); !opened)
        return base::fail(opened.error());
    return reader;
}

int runRead(const IdcardOptions& options)
{
    auto reader = openReader(options);
    if (!reader)
        return fail(reader.error(), options,
                    reader.error().code == base::errc::invalid_argument ? BadUsage : Failed);
    const auto timeout =
        std::chrono::milliseconds(static_cast<long>(options.timeoutSeconds * 1000));
    if (!options.json && stderrIsTerminal())
        std::cerr << "Lay the card on the reader...\n";
    auto card = (*reader)->readCard(timeout);
    if (!card)
        return fail(card.error(), options);
    if (!*card)
        return fail(base::Error{make_error_code(hal::errc::timeout),
                                "no card was laid on the reader within " +
                                    std::to_string(static_cast<long>(options.timeoutSeconds)) +
                                    " s"},
                    options);
    const std::string samId = (*card)->samId;
    return printCard(**card, options, samId);
}

base::Result<std::vector<std::uint8_t>> loadFrame(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return base::fail(base::errc::not_found, "cannot read " + path);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    // A capture may also be hex text ("AA AA AA 96 69 ..."): a raw frame starts with byte AA.
    if (!bytes.empty() && bytes[0] != 0xAA) {
        std::vector<std::uint8_t> raw;
        int nibble = -1;
        for (const auto c : bytes) {
            const int value = c >= '0' && c <= '9'   ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (value < 0)
                continue;
            if (nibble < 0) {
                nibble = value;
            } else {
                raw.push_back(static_cast<std::uint8_t>(nibble << 4 | value));
                nibble = -1;
            }
        }
        base::secureZero(bytes);
        return raw;
    }
    return bytes;
}

int runDecode(const IdcardOptions& options)
{
    auto bytes = loadFrame(options.file);
    if (!bytes)
        return fail(bytes.error(), options, BadUsage);
    auto card = drivers::card_reader::decodeCardFrame(*bytes);
    base::secureZero(*bytes);
    if (!card)
        return fail(card.error(), options);
    return printCard(*card, options, "");
}

int runStatus(const IdcardOptions& options)
{
    auto reader = openReader(options);
    if (!reader)
        return fail(reader.error(), options,
                    reader.error().code == base::errc::invalid_argument ? BadUsage : Failed);
    const auto status = (*reader)->status();
    nlohmann::json report{{"device", options.device},
                          {"backend", status.backend},
                          {"samId", (*reader)->samId()},
                          {"state", hal::toString(status.state)},
                          {"health", hal::toString(status.health)},
                          {"detail", status.detail}};
    if (options.json) {
        printJson(report);
    } else {
        std::cout << "reader  " << options.device << " (" << status.backend << ")\n"
                  << "SAM id  " << (*reader)->samId() << "\n"
                  << "state   " << hal::toString(status.state) << "\n";
    }
    return Ok;
}

void addDeviceOptions(CLI::App& command, IdcardOptions& options)
{
    command
        .add_option("--device", options.device,
                    "serial:/dev/ttyACM0 or usb:VVVV:PPPP[:split|:single]")
        ->required();
}

} // namespace

void addIdcardCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<IdcardOptions>();
    auto* idcard = app.add_subcommand("idcard", "Read, decode or check the ID card reader");
    idcard->require_subcommand(1);

    auto* read = idcard->add_subcommand("read", "Wait for a card and print it");
    addDeviceOptions(*read, *options);
    read->add_option("--timeout", options->timeoutSeconds, "Seconds to wait for a card")
        ->capture_default_str();
    read->add_option("--photo-decoder", options->photoDecoder,
                     "A licensed WLT photo decoder plug-in (.so)");
    read->add_flag("--unmasked", options->unmasked, "Print the name and ID number in full");
    read->add_flag("--json", options->json, "Print JSON");
    read->callback([options, &exitCode] { exitCode = runRead(*options); });

    auto* decode = idcard->add_subcommand("decode", "Decode a captured read response frame");
    decode->add_option("file", options->file, "Raw bytes (or hex text) of one frame")->required();
    decode->add_flag("--unmasked", options->unmasked, "Print the name and ID number in full");
    decode->add_flag("--json", options->json, "Print JSON");
    decode->callback([options, &exitCode] { exitCode = runDecode(*options); });

    auto* status =
        idcard->add_subcommand("status", "Open the reader and print its SAM id and state");
    addDeviceOptions(*status, *options);
    status->add_flag("--json", options->json, "Print JSON");
    status->callback([options, &exitCode] { exitCode = runStatus(*options); });
}

} // namespace kiosk::ctl
