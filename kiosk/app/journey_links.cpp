// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/journey_links.h"

#include "base/secure_buffer.h"
#include "kiosk/core/case_progress.h"
#include "kiosk/core/identity_code.h"
#include "kiosk/core/scanned_payload.h"
#include "offline_queue/store.h"
#include "offline_queue/sync_loop.h"

namespace kiosk::app {

JourneyLinks::JourneyLinks(core::Journey& journey, ui::SessionViewModel& session, Runtime& runtime,
                           UiBridge& bridge, const base::Clock& clock)
    : journey_(journey)
{
    if (auto* help = runtime.helpCall())
        linkHelpCall(session, bridge, *help);
    if (auto* sync = runtime.syncLoop()) {
        // On the sync loop's thread: the link state goes to the journey on the GUI thread.
        linkState_ = sync->linkStateChanged.connect([&session](queue::LinkState state) {
            session.deliverPlatformReachable(state != queue::LinkState::Down);
        });
        session.deliverPlatformReachable(sync->linkState() != queue::LinkState::Down);
    }
    if (auto* store = runtime.queue()) {
        journey_.setStore(store);
        // On the sync loop's thread: look the record up there, hand the number over.
        delivered_ = store->changed.connect([store, &session](const queue::QueueEvent& event) {
            deliverRatingRefusal(session, *store, event);
            if (event.kind != queue::QueueEvent::Kind::Delivered || event.recordId == 0)
                return;
            auto detail = store->show(event.recordId);
            if (detail && detail->summary.kind == queue::RecordKind::Case)
                session.deliverCaseNo(detail->summary.submissionId, detail->summary.caseNo);
        });
    }
    // The online-only lookups (办件进度查询, 自助打印) on the journey's own workers.
    journey_.setPlatform(runtime.uplink());
    journey_.setDocumentPrinter(runtime.documentPrinter());
    auto* devices = runtime.devices();
    if (devices == nullptr)
        return;
    journey_.setPrinter(devices->receiptPrinter());
    journey_.setTablet(devices->reviewTablet());
    // [devices] document_camera: the materials are photographed (absent: no material photos).
    materials_ = session.materials();
    materials_->setCamera(devices->documentCamera());
    linkIdentityCodes(session, runtime);
    if (auto reader = devices->cardReader()) {
        cards_ = std::make_unique<core::CardWatch>(reader, clock);
        cardRead_ = cards_->itemRead.connect(
            [&session](const hal::CardData& card) { session.deliverCard(card); });
        cardFailed_ = cards_->readFailed.connect(
            [&session](const base::Error& error) { session.deliverCardFailure(error); });
    }
    journeyChanged_ = journey_.changed.connect([this] { watchCardsWhileAsked(); });
    watchCardsWhileAsked();
}

JourneyLinks::~JourneyLinks()
{
    if (bridge_ != nullptr) {
        bridge_->setHelpHandler({});
        bridge_->setHelpAckHandler({});
    }
    sessionEnds_.reset();
    journeyChanged_.reset();
    stopping_.request_stop(); // an identity code being resolved is abandoned, not waited for
    codes_.reset();           // stop their workers before the connections go
    if (materials_ != nullptr)
        materials_->setCamera(nullptr); // the devices may go before the journey
    cards_.reset();
}

void JourneyLinks::linkHelpCall(ui::SessionViewModel& session, UiBridge& bridge,
                                core::HelpCall& help)
{
    bridge_ = &bridge;
    bridge.setHelpHandler([&help, &session] { help.raise(session.screen().toStdString()); });
    bridge.setHelpAckHandler([&help] { help.acknowledge(); });
    helpChanged_ = help.changed.connect([&session](const std::optional<core::HelpRequest>& call) {
        session.setHelpCalled(call.has_value());
    });
    // The citizen who asked has gone: the next one does not inherit the call.
    sessionEnds_ = journey_.changed.connect([this, &help] {
        if (journey_.state() == core::SessionState::Idle)
            help.sessionEnded();
    });
}

void JourneyLinks::linkIdentityCodes(ui::SessionViewModel& session, Runtime& runtime)
{
    auto scanner = runtime.devices()->codeScanner();
    if (!scanner)
        return;
    codes_ = std::make_unique<core::ScanWatch>(scanner, base::systemClock());
    const auto receiptTemplate = runtime.config().receipt.qrUrlTemplate;
    // On the scanner's worker: the code is checked, then resolved with the platform there
    // (online only, seconds at worst); only the outcome goes to the GUI thread.
    codeRead_ = codes_->itemRead.connect([this, &session, &runtime,
                                          receiptTemplate](const hal::ScannedCode& code) {
        if (deliverReceipt(session, runtime.queue(), code.text, receiptTemplate))
            return;
        if (!identifying_) { // home, search, a guide: only receipts are taken there
            auto payload = core::classifyPayload(code.text, receiptTemplate);
            session.deliverCodeRefusal(std::string(
                payload ? core::kNotAReceiptMessage : core::citizenMessage(payload.error())));
            if (payload) // it may be a phone's identity code: personal data
                base::secureZero(payload->text);
            return;
        }
        auto token = core::identityToken(code.text, receiptTemplate);
        if (!token) {
            session.deliverCodeRefusal(std::string(core::citizenMessage(token.error())));
            return;
        }
        auto* uplink = runtime.uplink();
        auto identity = uplink ? core::resolveIdentityCode(*uplink, *token, stopping_.get_token())
                               : base::Result<hal::CardData>(
                                     base::fail(queue::UplinkErrc::link, "no platform link"));
        base::secureZero(*token);
        if (identity)
            session.deliverIdentity(*identity);
        else
            session.deliverCodeRefusal(std::string(core::identityCodeMessage(identity.error())));
    });
}

bool JourneyLinks::deliverReceipt(ui::SessionViewModel& session, queue::Store* store,
                                  const std::string& text, const std::string& receiptTemplate)
{
    auto payload = core::classifyPayload(text, receiptTemplate);
    if (!payload || payload->kind != core::PayloadKind::Receipt)
        return false;
    // The queue is read here, on the scanner's worker: the GUI thread does no I/O.
    std::optional<core::ReceiptCase> found;
    if (auto records = store ? store->list()
                             : base::Result<std::vector<queue::RecordSummary>>(
                                   base::fail(base::errc::unsupported, "no queue"));
        records)
        found = core::findReceiptCase(*records, payload->receiptRef);
    session.deliverReceiptCase(std::move(found));
    return true;
}

void JourneyLinks::deliverRatingRefusal(ui::SessionViewModel& session, queue::Store& store,
                                        const queue::QueueEvent& event)
{
    if (event.kind != queue::QueueEvent::Kind::DeadLettered || event.recordId == 0)
        return;
    auto detail = store.show(event.recordId);
    if (detail && core::isRefusedEvaluation(detail->summary))
        session.deliverRatingRefused(detail->summary.submissionId);
}

void JourneyLinks::watchCardsWhileAsked()
{
    using S = core::SessionState;
    const auto state = journey_.state();
    if (cards_)
        cards_->setWatching(state != S::Idle && state != S::Searching && state != S::Browsing &&
                            state != S::ReceiptShown);
    identifying_ = state == S::Identifying;
    // Receipts are taken on the idle screens too (progress and a late rating, no identity).
    if (codes_)
        codes_->setWatching(state == S::Identifying || core::takesReceiptScan(state));
}

} // namespace kiosk::app
