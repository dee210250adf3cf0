// SPDX-License-Identifier: Apache-2.0
// Session: one citizen's visit as a table-driven state machine; its personal data dies with it.
#pragma once

#include "base/result.h"
#include "hal/card_reader.h"
#include "hal/document_camera.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <system_error>

namespace kiosk::core {

/// Where the citizen is. Read the transition table in session.cpp first.
enum class SessionState {
    Idle,             ///< home screen, nobody is being served
    Searching,        ///< the search screen
    Browsing,         ///< an item's guide is shown
    Identifying,      ///< waiting for the ID card (or an identity QR code)
    EnteringIdentity, ///< the citizen types name and ID number instead
    FillingForm,      ///< the form, prefilled from the card
    Photographing,    ///< the materials are photographed with the document camera
    Confirming,       ///< the citizen checks what will be submitted
    Submitted,        ///< saved in the queue; the receipt is printed
    Rating,           ///< 好差评: waiting for the citizen's rating
    Finished,         ///< thanks screen; back to Idle next
    LookingUp,        ///< 办件进度查询: the citizen's cases (or a receipt's)
    PrintingDocument, ///< 自助打印: the platform's certificate goes to the A4 printer
    ReceiptShown,     ///< a receipt's QR scanned on an idle screen: its case, and a late rating
};

enum class SessionEvent {
    ChooseItem,     ///< the citizen opened an item's guide
    OpenSearch,     ///< "搜索" on the home screen, or back from a guide found by search
    StartApplying,  ///< "开始办理"
    EnterManually,  ///< "手工输入身份信息" instead of the card
    Identified,     ///< a card was read, an identity code resolved or the entry checked
    FormCompleted,  ///< the form validated
    TakePhotos,     ///< the form validated and the item has materials to photograph
    MaterialsDone,  ///< every material photographed, skipped (optional) or left for a counter
    Confirmed,      ///< "确认提交" and the queue accepted the record
    ReceiptPrinted, ///< the receipt came out (or the citizen declined it)
    Rated,          ///< the rating was stored
    SkipRating,     ///< the citizen declined to rate
    Back,           ///< one step back
    End,            ///< "退出", the idle timeout, or the card was taken away
    LookUp,         ///< identified for a progress lookup (or a receipt's QR was scanned)
    PrintDocument,  ///< identified for a certificate (自助打印)
    ScanReceipt,    ///< a receipt's QR scanned on the home, search or guide screen
    RateCase,       ///< "评价此件" on a scanned receipt's case (rated here once)
};

std::string_view toString(SessionState state);
std::string_view toString(SessionEvent event);

/// One row of the transition table.
struct SessionTransition {
    SessionState from;
    SessionEvent event;
    SessionState to;
};

/// The whole table, for reviewers and for tests that walk it.
std::span<const SessionTransition> sessionTransitions();

enum class SessionErrc { invalid_transition = 1 };
const std::error_category& sessionCategory();
inline std::error_code make_error_code(SessionErrc e)
{
    return {static_cast<int>(e), sessionCategory()};
}

/// One citizen's visit. Holds the card and the form only while the visit lasts: End (from
/// any state) and the destructor wipe them. Not thread-safe: owned by the UI thread (or by
/// kioskctl simulate's worker).
class Session {
public:
    Session() = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session() { wipe(); }

    [[nodiscard]] SessionState state() const { return state_; }

    /// Applies one event. An event the table does not allow in this state is refused and
    /// changes nothing.
    [[nodiscard]] base::Result<SessionState> handle(SessionEvent event);

    // The visit's data. Setters do not change the state; events do.
    void setItemCode(std::string code) { itemCode_ = std::move(code); }
    [[nodiscard]] const std::string& itemCode() const { return itemCode_; }
    void setCard(hal::CardData card) { card_ = std::move(card); }
    [[nodiscard]] const std::optional<hal::CardData>& card() const { return card_; }
    void setFormValue(const std::string& field, std::string value)
    {
        form_[field] = std::move(value);
    }
    [[nodiscard]] const std::map<std::string, std::string>& form() const { return form_; }
    void setSubmissionId(std::string id) { submissionId_ = std::move(id); }
    [[nodiscard]] const std::string& submissionId() const { return submissionId_; }
    /// The materials' photos by material name (JPEG, zeroed when replaced, removed or wiped).
    void setPhoto(const std::string& material, hal::JpegPhoto photo)
    {
        photos_[material] = std::move(photo);
    }
    void removePhoto(const std::string& material) { photos_.erase(material); }
    [[nodiscard]] const std::map<std::string, hal::JpegPhoto>& photos() const { return photos_; }

    /// Wipes who the citizen is and what they typed, keeping the item (back to its guide).
    void forgetCitizen();

private:
    void wipe();

    SessionState state_ = SessionState::Idle;
    std::string itemCode_;
    std::optional<hal::CardData> card_;
    std::map<std::string, std::string> form_;
    std::string submissionId_;
    std::map<std::string, hal::JpegPhoto> photos_;
};

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::SessionErrc> : std::true_type {
};
