// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/journey_links.h"

#include "offline_queue/store.h"

namespace kiosk::app {

JourneyLinks::JourneyLinks(core::Journey& journey, ui::SessionViewModel& session, Runtime& runtime,
                           const base::Clock& clock)
    : journey_(journey)
{
    if (auto* store = runtime.queue()) {
        journey_.setStore(store);
        // On the sync loop's thread: look the record up there, hand the number over.
        delivered_ = store->changed.connect([store, &session](const queue::QueueEvent& event) {
            if (event.kind != queue::QueueEvent::Kind::Delivered || event.recordId == 0)
                return;
            auto detail = store->show(event.recordId);
            if (detail && detail->summary.kind == queue::RecordKind::Case)
                session.deliverCaseNo(detail->summary.submissionId, detail->summary.caseNo);
        });
    }
    auto* devices = runtime.devices();
    if (devices == nullptr)
        return;
    journey_.setPrinter(devices->receiptPrinter());
    if (auto reader = devices->cardReader()) {
        cards_ = std::make_unique<core::CardWatch>(reader, clock);
        cardRead_ = cards_->cardRead.connect(
            [&session](const hal::CardData& card) { session.deliverCard(card); });
        cardFailed_ = cards_->readFailed.connect(
            [&session](const base::Error& error) { session.deliverCardFailure(error); });
        journeyChanged_ = journey_.changed.connect([this] { watchCardsWhileAsked(); });
        watchCardsWhileAsked();
    }
}

JourneyLinks::~JourneyLinks()
{
    journeyChanged_.reset();
    cards_.reset(); // stops its worker before the connections go
}

void JourneyLinks::watchCardsWhileAsked()
{
    using S = core::SessionState;
    const auto state = journey_.state();
    cards_->setWatching(state != S::Idle && state != S::Searching && state != S::Browsing);
}

} // namespace kiosk::app
