// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/session.h"

#include "base/secure_buffer.h"

#include <array>

namespace kiosk::core {

namespace {

using S = SessionState;
using E = SessionEvent;

// The session flow. End is allowed from every state and is handled before the table.
constexpr std::array transitions{
    SessionTransition{S::Idle, E::ChooseItem, S::Browsing},
    SessionTransition{S::Idle, E::OpenSearch, S::Searching},
    SessionTransition{S::Searching, E::ChooseItem, S::Browsing},
    SessionTransition{S::Searching, E::Back, S::Idle},
    SessionTransition{S::Browsing, E::ChooseItem, S::Browsing},
    SessionTransition{S::Browsing, E::OpenSearch, S::Searching},
    SessionTransition{S::Browsing, E::Back, S::Idle},
    SessionTransition{S::Browsing, E::StartApplying, S::Identifying},
    SessionTransition{S::Identifying, E::Identified, S::FillingForm},
    SessionTransition{S::Identifying, E::EnterManually, S::EnteringIdentity},
    SessionTransition{S::Identifying, E::Back, S::Browsing},
    SessionTransition{S::EnteringIdentity, E::Identified, S::FillingForm},
    SessionTransition{S::EnteringIdentity, E::Back, S::Identifying},
    SessionTransition{S::FillingForm, E::FormCompleted, S::Confirming},
    SessionTransition{S::FillingForm, E::Back, S::Browsing},
    SessionTransition{S::FillingForm, E::TakePhotos, S::Photographing},
    SessionTransition{S::Photographing, E::MaterialsDone, S::Confirming},
    SessionTransition{S::Photographing, E::Back, S::FillingForm},
    SessionTransition{S::Confirming, E::Confirmed, S::Submitted},
    SessionTransition{S::Confirming, E::Back, S::FillingForm},
    SessionTransition{S::Confirming, E::TakePhotos, S::Photographing},
    SessionTransition{S::Submitted, E::ReceiptPrinted, S::Rating},
    SessionTransition{S::Rating, E::Rated, S::Finished},
    SessionTransition{S::Rating, E::SkipRating, S::Finished},
    // Progress lookup and certificate printing: identification leads to them (by the item's
    // kind, kiosk/core/item_flow.h) instead of a form; back returns to the guide.
    SessionTransition{S::Identifying, E::LookUp, S::LookingUp},
    SessionTransition{S::EnteringIdentity, E::LookUp, S::LookingUp},
    SessionTransition{S::LookingUp, E::Back, S::Browsing},
    SessionTransition{S::Identifying, E::PrintDocument, S::PrintingDocument},
    SessionTransition{S::EnteringIdentity, E::PrintDocument, S::PrintingDocument},
    SessionTransition{S::PrintingDocument, E::Back, S::Browsing},
    // A receipt's QR scanned on an idle screen (no identity): its case from this kiosk's
    // queue, and its rating if it has none yet (receipt_case.h); back returns home.
    SessionTransition{S::Idle, E::ScanReceipt, S::ReceiptShown},
    SessionTransition{S::Searching, E::ScanReceipt, S::ReceiptShown},
    SessionTransition{S::Browsing, E::ScanReceipt, S::ReceiptShown},
    SessionTransition{S::ReceiptShown, E::ScanReceipt, S::ReceiptShown},
    SessionTransition{S::ReceiptShown, E::Back, S::Idle},
    SessionTransition{S::ReceiptShown, E::RateCase, S::Rating},
};

class SessionCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "session"; }
    std::string message(int) const override { return "event not allowed in this state"; }
};

} // namespace

const std::error_category& sessionCategory()
{
    static const SessionCategory instance;
    return instance;
}

std::span<const SessionTransition> sessionTransitions()
{
    return transitions;
}

std::string_view toString(SessionState state)
{
    switch (state) {
    case S::Idle:
        return "idle";
    case S::Searching:
        return "searching";
    case S::Browsing:
        return "browsing";
    case S::Identifying:
        return "identifying";
    case S::EnteringIdentity:
        return "entering_identity";
    case S::FillingForm:
        return "filling_form";
    case S::Photographing:
        return "photographing";
    case S::Confirming:
        return "confirming";
    case S::Submitted:
        return "submitted";
    case S::Rating:
        return "rating";
    case S::Finished:
        return "finished";
    case S::LookingUp:
        return "looking_up";
    case S::PrintingDocument:
        return "printing_document";
    case S::ReceiptShown:
        return "receipt_shown";
    }
    return "unknown";
}

std::string_view toString(SessionEvent event)
{
    switch (event) {
    case E::ChooseItem:
        return "choose_item";
    case E::OpenSearch:
        return "open_search";
    case E::StartApplying:
        return "start_applying";
    case E::EnterManually:
        return "enter_manually";
    case E::Identified:
        return "identified";
    case E::FormCompleted:
        return "form_completed";
    case E::TakePhotos:
        return "take_photos";
    case E::MaterialsDone:
        return "materials_done";
    case E::Confirmed:
        return "confirmed";
    case E::ReceiptPrinted:
        return "receipt_printed";
    case E::Rated:
        return "rated";
    case E::SkipRating:
        return "skip_rating";
    case E::Back:
        return "back";
    case E::End:
        return "end";
    case E::LookUp:
        return "look_up";
    case E::PrintDocument:
        return "print_document";
    case E::ScanReceipt:
        return "scan_receipt";
    case E::RateCase:
        return "rate_case";
    }
    return "unknown";
}

base::Result<SessionState> Session::handle(SessionEvent event)
{
    if (event == E::End) {
        wipe();
        state_ = S::Idle;
        return state_;
    }
    for (const auto& transition : transitions) {
        if (transition.from == state_ && transition.event == event) {
            state_ = transition.to;
            return state_;
        }
    }
    return base::fail(SessionErrc::invalid_transition,
                      "session: event '" + std::string(toString(event)) +
                          "' is not allowed in state '" + std::string(toString(state_)) + "'");
}

void Session::forgetCitizen()
{
    if (card_)
        card_->wipe();
    card_.reset();
    for (auto& [field, value] : form_)
        base::secureZero(value);
    form_.clear();
    for (auto& [material, photo] : photos_)
        photo.wipe();
    photos_.clear();
}

void Session::wipe()
{
    forgetCitizen();
    itemCode_.clear();
    submissionId_.clear();
}

} // namespace kiosk::core
