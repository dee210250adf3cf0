// SPDX-License-Identifier: Apache-2.0
// Application services: prefill and check a form, submit a case, store a rating.
#pragma once

#include "base/citizen_text.h"
#include "base/clock.h"
#include "base/result.h"
#include "hal/card_reader.h"
#include "hal/receipt_printer.h"
#include "hal/review_tablet.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/receipt.h"
#include "kiosk/core/session.h"
#include "offline_queue/record.h"
#include "offline_queue/store.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::core {

/// One problem with one form field, worded for the citizen (Chinese).
struct FieldProblem {
    std::string fieldId;
    std::string message;
};

/// Values for the item's form taken from the card ("card.name", "card.idNumber", ...).
[[nodiscard]] std::map<std::string, std::string> prefillFromCard(const CatalogItem& item,
                                                                 const hal::CardData& card);

/// Checks one field's value as the citizen types it (the message goes next to the field).
[[nodiscard]] std::optional<FieldProblem> checkFormField(const FormField& field,
                                                         const std::string& value);

/// Checks every field of the item's form: required values present, phone numbers,
/// ID numbers (MOD 11-2), dates (YYYY-MM-DD) and choices. Empty when the form is good.
[[nodiscard]] std::vector<FieldProblem>
validateForm(const CatalogItem& item, const std::map<std::string, std::string>& values);

/// The citizen's rating problems (level out of range, a bad rating without a reason, an
/// unknown reason code), worded for the citizen. Empty when the rating can be stored.
[[nodiscard]] std::vector<std::string> validateRating(const Catalog& catalog,
                                                      const hal::Rating& rating);

/// The POST /v1/cases body for this session (without submissionId and materials, which the
/// queue adds when it stores the record).
[[nodiscard]] queue::CaseInput buildCaseInput(const Catalog& catalog, const CatalogItem& item,
                                              const Session& session, std::string_view kioskId,
                                              base::Clock::TimePoint now);

/// What the citizen reads when the kiosk has no room left to keep an application
/// (queue::QueueErrc::full): nothing was saved, and where to go instead.
inline constexpr std::string_view storeFullMessage = base::CitizenText::tr(
    "本机暂存空间已满，您的申请未能保存。请到服务窗口办理，工作人员会为您优先处理。");

/// Submits cases and ratings into the offline queue. One call = one citizen action = one
/// transaction. Not thread-safe; the queue itself is.
class ApplicationService {
public:
    /// `catalog`, `store` and `clock` must outlive the service.
    ApplicationService(const Catalog& catalog, queue::Store& store, std::string kioskId,
                       const base::Clock& clock);

    /// Checks the session's form and stores the case. On success the session holds the
    /// submission id and may move to Submitted. When the queue is full the error is
    /// QueueErrc::full with storeFullMessage, to be shown as it is.
    [[nodiscard]] base::Result<queue::SubmissionRef> submit(Session& session);
    /// submit() in two halves, for a caller that stores the case on another thread (the
    /// journey: an fsync'd transaction must not hold the GUI thread). prepare() checks the
    /// session and builds the case; store it with Store::enqueueCase, then hand the answer
    /// to accepted(), which words a refusal for the citizen and gives the session its id.
    [[nodiscard]] base::Result<queue::CaseInput> prepare(const Session& session) const;
    [[nodiscard]] static base::Result<queue::SubmissionRef>
    accepted(Session& session, base::Result<queue::SubmissionRef> stored);

    /// Stores the rating of the session's submitted case. `channel` is kiosk | tablet | qr.
    [[nodiscard]] base::Result<std::string> rate(const Session& session, const hal::Rating& rating,
                                                 std::string_view channel);
    /// The same for a case named by its submission id, without the session (the rating flow
    /// stores a tablet's rating on the tablet's thread: this reads only the catalog and writes
    /// only to the queue, which is thread-safe).
    /// True when the queue holds a rating of the case (pending or delivered and not purged
    /// yet): 一次一评 across restarts of the kiosk, not only within one rating flow.
    [[nodiscard]] bool hasRating(const std::string& submissionId) const;
    [[nodiscard]] base::Result<std::string> rateCase(const std::string& submissionId,
                                                     const std::string& itemCode,
                                                     const hal::Rating& rating,
                                                     std::string_view channel);

private:
    const Catalog& catalog_;
    queue::Store& store_;
    std::string kioskId_;
    const base::Clock& clock_;
};

enum class ApplicationErrc {
    unknown_item = 1,
    not_identified,
    invalid_form,
    invalid_rating,
    not_submitted,
    already_rated,    ///< 一次一评: this case has its rating
    no_rating_prompt, ///< a rating came for a prompt that is not shown (anymore)
    unknown_language, ///< a UI language the kiosk is not translated into
};
const std::error_category& applicationCategory();
inline std::error_code make_error_code(ApplicationErrc e)
{
    return {static_cast<int>(e), applicationCategory()};
}

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::ApplicationErrc> : std::true_type {
};
