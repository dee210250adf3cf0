// SPDX-License-Identifier: Apache-2.0
// kiosk::app::JourneyLinks: connects the citizen's journey to what the runtime brings once the
// home screen shows: the queue (and the case numbers of delivered cases), the receipt printer,
// the card reader, read on a CardWatch while the session asks for a card, the document camera
// for the materials' photos, and the staff call.
#pragma once

#include "base/signal.h"
#include "kiosk/app/runtime.h"
#include "kiosk/app/ui_bridge.h"
#include "kiosk/core/journey.h"
#include "kiosk/core/read_watch.h"
#include "qml/session_view_model.h"

#include <atomic>
#include <memory>
#include <stop_token>

namespace kiosk::app {

/// Lives on the GUI thread; `journey`, `session` and `runtime` must outlive it. What the
/// queue's and the reader's threads report is handed to the GUI thread through the session
/// view-model (queued calls): the journey only ever runs there.
class JourneyLinks {
public:
    JourneyLinks(core::Journey& journey, ui::SessionViewModel& session, Runtime& runtime,
                 UiBridge& bridge, const base::Clock& clock);
    ~JourneyLinks();
    JourneyLinks(const JourneyLinks&) = delete;
    JourneyLinks& operator=(const JourneyLinks&) = delete;

private:
    /// The staff call: raised by 人工帮助 (with the screen's name, nothing personal), shown on
    /// the screen while open, cleared when the session ends.
    void linkHelpCall(ui::SessionViewModel& session, UiBridge& bridge, core::HelpCall& help);
    /// The QR scanner while a card is asked for: a phone app's identity code is resolved
    /// with the platform, on the scanner's worker, and identifies the citizen like a card.
    void linkIdentityCodes(ui::SessionViewModel& session, Runtime& runtime);
    /// A receipt's QR (for a progress lookup): its case from the queue goes to the session.
    /// False when `text` is no receipt. On the scanner's worker.
    static bool deliverReceipt(ui::SessionViewModel& session, queue::Store* store,
                               const std::string& text, const std::string& receiptTemplate);
    /// A dead-lettered evaluation (the platform refused it for good, e.g. 409 already_rated)
    /// goes to the journey, which tells the citizen kindly if that case is on screen.
    static void deliverRatingRefusal(ui::SessionViewModel& session, queue::Store& store,
                                     const queue::QueueEvent& event);
    /// The card is asked for from the identify screen to the end of the session (another
    /// person's card ends it); not on the home, search and guide screens.
    void watchCardsWhileAsked();

    core::Journey& journey_;
    /// Requested first thing when the links go: a platform request on the scanner's worker
    /// (an identity code being resolved) ends at once instead of holding the worker's stop.
    std::stop_source stopping_;
    std::unique_ptr<core::CardWatch> cards_;
    std::unique_ptr<core::ScanWatch> codes_;
    base::Connection codeRead_;
    base::Connection delivered_;
    base::Connection linkState_;
    base::Connection cardRead_;
    base::Connection cardFailed_;
    base::Connection journeyChanged_;
    base::Connection helpChanged_;
    base::Connection sessionEnds_;
    UiBridge* bridge_ = nullptr;
    ui::MaterialsViewModel* materials_ = nullptr; ///< given the document camera, if any
    /// Whether a card is asked for (Identifying), set on the GUI thread and read on the
    /// scanner's worker: only then is an identity code resolved with the platform.
    std::atomic<bool> identifying_{false};
};

} // namespace kiosk::app
