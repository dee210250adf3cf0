// SPDX-License-Identifier: Apache-2.0
// kioskctl simulate: N complete citizen sessions through kiosk/core with the fake devices,
// against the configured platform. A burn-in for technicians and a load driver for tests.
#include "base/clock.h"
#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/fake/fake_review_tablet.h"
#include "drivers/receipt_printer/escpos_encoder.h"
#include "drivers/receipt_printer/escpos_renderer.h"
#include "hal/id_number.h"
#include "kiosk/core/application.h"
#include "kiosk/core/config.h"
#include "kiosk/core/platform_link.h"
#include "kiosk/core/service_catalog.h"
#include "kiosk/ctl/commands.h"
#include "kiosk/ctl/kiosk_files.h"
#include "offline_queue/curl_uplink.h"
#include "offline_queue/sync_loop.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <set>

namespace kiosk::ctl {

namespace {

using namespace std::chrono_literals;

struct SimulateOptions {
    std::string config = core::defaultConfigPath().string();
    int sessions = 1;
    double waitSeconds = 30;
    std::string receipts; ///< a folder for each session's receipt as a picture; empty: none
    bool json = false;
};

/// The fake devices a simulated citizen uses.
struct FakeKiosk {
    drivers::fake::FakeCardReader cardReader;
    drivers::fake::FakeReceiptPrinter printer;
    drivers::fake::FakeReviewTablet tablet;

    base::Result<void> open()
    {
        for (hal::Device* device :
             std::initializer_list<hal::Device*>{&cardReader, &printer, &tablet})
            if (auto opened = device->open(); !opened)
                return opened;
        return {};
    }
};

/// A fictional, well-formed ID number (valid MOD 11-2) for fields about another person
/// (a child, a spouse, the deceased): "510703" + a birth date in 1950 + a sequence.
std::string syntheticIdNumber(int session)
{
    const std::string first17 = "51070319500101" + std::to_string(100 + session % 900);
    return first17 + *hal::idNumberCheckCharacter(first17);
}

/// What a citizen types into fields the card does not fill.
std::string syntheticValue(const core::FormField& field, int session)
{
    switch (field.type) {
    case core::FieldType::Phone:
        return "1380816" + std::to_string(1000 + session % 9000);
    case core::FieldType::Date:
        return "2026-12-01";
    case core::FieldType::Choice:
        return field.options.empty() ? std::string{} : field.options.front();
    case core::FieldType::IdNumber:
        return syntheticIdNumber(session);
    case core::FieldType::Text:
        return "模拟填写";
    case core::FieldType::Address:
        return "四川省绵阳市涪城区临园路东段58号";
    }
    return {};
}

/// The rating a simulated citizen gives: mostly good, every seventh a bad one with a reason.
hal::Rating syntheticRating(const core::Catalog& catalog, int session)
{
    if (session % 7 == 6 && !catalog.reasons.empty())
        return {2, {catalog.reasons.front().code}, ""};
    return {5, {}, ""};
}

/// Applies session events in order; the first refused one is the error.
base::Result<void> advance(core::Session& session, std::initializer_list<core::SessionEvent> events)
{
    for (auto event : events)
        if (auto moved = session.handle(event); !moved)
            return base::fail(moved.error());
    return {};
}

/// Lays a sample card on the fake reader, reads it and fills the session's form from it
/// (and with what a citizen would type into the other fields).
base::Result<void> identify(int index, const core::CatalogItem& item, core::Session& session,
                            FakeKiosk& kiosk)
{
    const auto cards = drivers::fake::sampleCards();
    kiosk.cardReader.present(cards[static_cast<std::size_t>(index) % cards.size()]);
    auto card = kiosk.cardReader.readCard(2s);
    kiosk.cardReader.remove();
    if (!card)
        return base::fail(card.error());
    if (!*card)
        return base::fail(base::errc::timeout, "the fake card reader reported no card");
    for (const auto& [field, value] : core::prefillFromCard(item, **card))
        session.setFormValue(field, value);
    session.setCard(std::move(**card));
    for (const auto& field : item.form.fields)
        if (!session.form().contains(field.id))
            session.setFormValue(field.id, syntheticValue(field, index));
    return {};
}

/// One citizen: choose an item, lay the card, fill the form, submit, take the receipt, rate.
base::Result<std::string> runSession(int index, const core::Catalog& catalog,
                                     const core::CatalogItem& item,
                                     core::ApplicationService& service, FakeKiosk& kiosk,
                                     const core::ReceiptSettings& receiptSettings,
                                     const base::Clock& clock)
{
    using core::SessionEvent;
    core::Session session;
    session.setItemCode(item.code);
    if (auto r = advance(session, {SessionEvent::ChooseItem, SessionEvent::StartApplying}); !r)
        return base::fail(r.error());
    if (auto r = identify(index, item, session, kiosk); !r)
        return base::fail(r.error());
    if (auto r = advance(session, {SessionEvent::Identified, SessionEvent::FormCompleted}); !r)
        return base::fail(r.error());
    if (auto submitted = service.submit(session); !submitted)
        return base::fail(submitted.error());
    if (auto r = advance(session, {SessionEvent::Confirmed}); !r)
        return base::fail(r.error());
    core::ReceiptFacts facts;
    for (const auto& material : item.guide.materials)
        if (material.required)
            facts.materials.push_back(material.name);
    if (auto printed = kiosk.printer.print(
            core::buildReceipt(catalog, item, session, receiptSettings, facts, clock.now()));
        !printed)
        return base::fail(printed.error());
    if (auto r = advance(session, {SessionEvent::ReceiptPrinted}); !r)
        return base::fail(r.error());

    std::optional<hal::Rating> rating;
    auto heard = kiosk.tablet.outcome.connect([&](const hal::RatingOutcome& outcome) {
        if (outcome.kind == hal::RatingOutcomeKind::Rated)
            rating = outcome.rating;
    });
    std::vector<hal::RatingReason> reasons;
    for (const auto& reason : catalog.reasons)
        reasons.push_back({reason.code, reason.text});
    auto shown = kiosk.tablet.show({item.name, session.submissionId(), std::move(reasons), 60s});
    if (!shown)
        return base::fail(shown.error());
    // The fake answers on this thread: the outcome has arrived when rate() returns.
    kiosk.tablet.rate(syntheticRating(catalog, index));
    if (!rating)
        return base::fail(base::errc::timeout, "the fake tablet gave no rating");
    if (auto rated = service.rate(session, *rating, "tablet"); !rated)
        return base::fail(rated.error());
    const std::string submissionId = session.submissionId();
    if (auto r = advance(session, {SessionEvent::Rated, SessionEvent::End}); !r)
        return base::fail(r.error());
    return submissionId;
}

/// {"delivered","queued","deadLetter"} over the sessions of this run: a session counts as
/// delivered when all its records are, as dead when any record is dead.
nlohmann::json sessionOutcomes(queue::Store& store, const std::set<std::string>& submissions,
                               int sessions)
{
    std::map<std::string, int> worst; // 0 delivered, 1 queued, 2 dead letter
    auto records = store.list();
    if (records)
        for (const auto& record : *records) {
            if (!submissions.contains(record.submissionId))
                continue;
            const int level = record.state == queue::RecordState::DeadLetter ? 2
                              : record.state == queue::RecordState::Pending  ? 1
                                                                             : 0;
            worst[record.submissionId] = std::max(worst[record.submissionId], level);
        }
    int counts[3] = {0, 0, 0};
    for (const auto& id : submissions)
        ++counts[worst.contains(id) ? worst[id] : 1];
    return {{"sessions", sessions},
            {"delivered", counts[0]},
            {"queued", counts[1]},
            {"deadLetter", counts[2]}};
}

/// The receipts the fake printer took, each through the ESC/POS encoder of the configured
/// profile and the renderer, as `dir`/receipt-N.png: what each citizen took home.
base::Result<void> writeReceiptPictures(const std::vector<hal::Receipt>& receipts,
                                        const std::string& profileName, const std::string& dir)
{
    namespace rp = drivers::receipt_printer;
    auto profile = rp::findProfile(profileName);
    if (!profile)
        return base::fail(profile.error());
    auto encoder = rp::EscPosEncoder::create(*profile);
    auto renderer = rp::EscPosRenderer::create({profile->paperDots, 16, {}});
    if (!encoder || !renderer)
        return base::fail(!encoder ? encoder.error() : renderer.error());
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    for (std::size_t i = 0; i < receipts.size(); ++i) {
        auto bytes = encoder->encode(receipts[i]);
        if (!bytes)
            return base::fail(bytes.error());
        auto image = renderer->render(*bytes);
        if (!image)
            return base::fail(image.error());
        const auto file =
            std::filesystem::path(dir) / ("receipt-" + std::to_string(i + 1) + ".png");
        if (auto written = rp::writePng(*image, file); !written)
            return written;
    }
    return {};
}

bool anyPending(queue::Store& store)
{
    auto counts = store.counts();
    return !counts || counts->pending > 0;
}

int runSimulate(const SimulateOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);
    auto catalog = core::loadServiceCatalog(*config);
    if (!catalog)
        return printError(catalog.error(), options.json, BadUsage);
    auto store = core::openQueue(*config);
    if (!store)
        return printError(store.error(), options.json);
    auto uplink = queue::CurlUplink::create(core::uplinkOptions(*config));
    if (!uplink)
        return printError(uplink.error(), options.json, BadUsage);

    std::vector<const core::CatalogItem*> items;
    for (const auto& item : catalog->items)
        if (item.enabled && item.kind == core::ItemKind::Apply && !item.form.fields.empty())
            items.push_back(&item);
    if (items.empty())
        return printError(
            {make_error_code(base::errc::not_found), "the catalog has no application items"},
            options.json);

    base::SystemClock clock;
    queue::SyncLoop sync(**store, **uplink, clock, {});
    sync.start();
    FakeKiosk kiosk;
    if (auto opened = kiosk.open(); !opened)
        return printError(opened.error(), options.json);
    core::ApplicationService service(*catalog, **store, config->kiosk.id, clock);

    std::set<std::string> submissions;
    for (int i = 0; i < options.sessions; ++i) {
        const auto& item = *items[static_cast<std::size_t>(i) % items.size()];
        auto submission = runSession(i, *catalog, item, service, kiosk, config->receipt, clock);
        if (!submission) {
            sync.stop();
            return printError(submission.error().withContext("session " + std::to_string(i + 1)),
                              options.json);
        }
        submissions.insert(*submission);
        sync.notify();
        drawProgress("sessions", i + 1, options.sessions);
    }

    const auto deadline = clock.deadlineIn(std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(options.waitSeconds)));
    while (anyPending(**store) && clock.steadyNow() < deadline)
        (void)clock.sleepFor(50ms);
    sync.stop();
    if (!options.receipts.empty())
        if (auto written = writeReceiptPictures(kiosk.printer.printed(),
                                                config->receipt.printerProfile, options.receipts);
            !written)
            return printError(written.error(), options.json);

    const auto outcome = sessionOutcomes(**store, submissions, options.sessions);
    if (options.json)
        printJson(outcome);
    else
        std::cout << "sessions " << outcome["sessions"] << ", delivered " << outcome["delivered"]
                  << ", queued " << outcome["queued"] << ", dead letters " << outcome["deadLetter"]
                  << "\n";
    return Ok;
}

} // namespace

void addSimulateCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<SimulateOptions>();
    auto* command =
        app.add_subcommand("simulate", "Run N complete citizen sessions with fake devices");
    command->add_option("--config", options->config, "Configuration file")->capture_default_str();
    command->add_option("--sessions", options->sessions, "Number of sessions")
        ->check(CLI::Range(1, 1000000));
    command->add_option("--wait", options->waitSeconds, "Seconds to wait for delivery")
        ->capture_default_str();
    command->add_option("--receipts", options->receipts,
                        "Write each session's receipt as a picture (receipt-N.png) here");
    command->add_flag("--json", options->json, "Print JSON");
    command->callback([options, &exitCode] { exitCode = runSimulate(*options); });
}

} // namespace kiosk::ctl
