// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/application.h"
#include "base/citizen_text.h"
#include "kiosk/core/citizen_words.h"

#include "base/log.h"

#include "hal/id_number.h"

#include <algorithm>
#include <cctype>

namespace kiosk::core {

namespace {

class ApplicationCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "application"; }
    std::string message(int value) const override
    {
        switch (static_cast<ApplicationErrc>(value)) {
        case ApplicationErrc::unknown_item:
            return "unknown item";
        case ApplicationErrc::not_identified:
            return "citizen not identified";
        case ApplicationErrc::invalid_form:
            return "form has problems";
        case ApplicationErrc::invalid_rating:
            return "rating has problems";
        case ApplicationErrc::not_submitted:
            return "no submitted case to rate";
        case ApplicationErrc::already_rated:
            return "case already rated";
        case ApplicationErrc::no_rating_prompt:
            return "no rating prompt is shown";
        case ApplicationErrc::unknown_language:
            return "unknown UI language";
        }
        return "application error";
    }
};

bool allDigits(std::string_view text)
{
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A mainland mobile number (11 digits starting with 1) or a landline such as 0816-2221234.
bool isPhoneNumber(std::string_view text)
{
    if (text.size() == 11 && text[0] == '1' && allDigits(text))
        return true;
    const auto dash = text.find('-');
    return dash != std::string_view::npos && dash >= 3 && dash <= 4 && text[0] == '0' &&
           allDigits(text.substr(0, dash)) && allDigits(text.substr(dash + 1)) &&
           text.size() - dash - 1 >= 7 && text.size() - dash - 1 <= 8;
}

bool isDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    if (!allDigits(text.substr(0, 4)) || !allDigits(text.substr(5, 2)) ||
        !allDigits(text.substr(8, 2)))
        return false;
    const int month = std::stoi(std::string(text.substr(5, 2)));
    const int day = std::stoi(std::string(text.substr(8, 2)));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string cardValue(std::string_view prefill, const hal::CardData& card)
{
    if (prefill == "card.name")
        return card.name;
    if (prefill == "card.idNumber")
        return card.idNumber;
    if (prefill == "card.address")
        return card.address;
    if (prefill == "card.nation")
        return card.nation;
    if (prefill == "card.birthDate")
        return card.birthDate;
    if (prefill == "card.sex")
        return card.sex == hal::Sex::Male ? "男" : card.sex == hal::Sex::Female ? "女" : "";
    return {};
}

std::optional<FieldProblem> checkFieldValue(const FormField& field, const std::string& value)
{
    if (value.empty()) {
        if (field.required)
            return FieldProblem{field.id, base::CitizenText::format(words::fillIn, {field.label})};
        return std::nullopt;
    }
    switch (field.type) {
    case FieldType::Phone:
        if (!isPhoneNumber(value))
            return FieldProblem{field.id,
                                base::CitizenText::format(words::phoneShape, {field.label})};
        break;
    case FieldType::IdNumber:
        if (!hal::isWellFormedIdNumber(value))
            return FieldProblem{field.id,
                                base::CitizenText::format(words::notRight, {field.label})};
        break;
    case FieldType::Date:
        if (!isDate(value))
            return FieldProblem{field.id,
                                base::CitizenText::format(words::dateShape, {field.label})};
        break;
    case FieldType::Choice:
        if (std::find(field.options.begin(), field.options.end(), value) == field.options.end())
            return FieldProblem{field.id,
                                base::CitizenText::format(words::chooseListed, {field.label})};
        break;
    case FieldType::Text:
    case FieldType::Address:
        if (value.size() > 1000)
            return FieldProblem{field.id, base::CitizenText::format(words::tooLong, {field.label})};
        break;
    }
    return std::nullopt;
}

} // namespace

const std::error_category& applicationCategory()
{
    static const ApplicationCategory instance;
    return instance;
}

std::map<std::string, std::string> prefillFromCard(const CatalogItem& item,
                                                   const hal::CardData& card)
{
    std::map<std::string, std::string> values;
    for (const auto& field : item.form.fields)
        if (!field.prefill.empty())
            if (auto value = cardValue(field.prefill, card); !value.empty())
                values[field.id] = std::move(value);
    return values;
}

std::optional<FieldProblem> checkFormField(const FormField& field, const std::string& value)
{
    return checkFieldValue(field, value);
}

std::vector<FieldProblem> validateForm(const CatalogItem& item,
                                       const std::map<std::string, std::string>& values)
{
    std::vector<FieldProblem> problems;
    for (const auto& field : item.form.fields) {
        const auto found = values.find(field.id);
        if (auto problem =
                checkFieldValue(field, found == values.end() ? std::string{} : found->second))
            problems.push_back(std::move(*problem));
    }
    return problems;
}

std::vector<std::string> validateRating(const Catalog& catalog, const hal::Rating& rating)
{
    std::vector<std::string> problems;
    if (rating.level < 1 || rating.level > 5)
        problems.push_back(base::CitizenText::tr("请选择1到5颗星"));
    if (rating.level >= 1 && rating.level <= 2 && rating.reasons.empty())
        problems.push_back(base::CitizenText::tr("请至少选择一项不满意的原因"));
    for (const auto& code : rating.reasons) {
        const bool known = std::any_of(catalog.reasons.begin(), catalog.reasons.end(),
                                       [&](const Reason& reason) { return reason.code == code; });
        if (!known)
            problems.push_back(base::CitizenText::format(words::unknownReason, {code}));
    }
    return problems;
}

queue::CaseInput buildCaseInput(const Catalog& catalog, const CatalogItem& item,
                                const Session& session, std::string_view kioskId,
                                base::Clock::TimePoint now)
{
    const auto& card = *session.card();
    // Built member by member, each personal value copied once, straight into the document:
    // an initializer list would copy each again into temporaries freed without being zeroed.
    // The queue wipes the document once it is sealed (base::json::wipe).
    nlohmann::json body = nlohmann::json::object();
    body["kioskId"] = kioskId;
    body["itemCode"] = item.code;
    body["catalogVersion"] = catalog.catalogVersion;
    auto& applicant = body["applicant"];
    applicant["idType"] = hal::toString(card.type);
    applicant["idNumber"] = card.idNumber;
    applicant["name"] = card.name;
    applicant["phone"] = "";
    auto& form = body["form"];
    form = nlohmann::json::object();
    for (const auto& [field, value] : session.form()) {
        form[field] = value;
        if (field == "phone")
            applicant["phone"] = value;
    }
    body["delivery"]["method"] = "pickup";
    body["createdAt"] = base::toRfc3339(now);
    return queue::CaseInput{std::move(body), {}};
}

ApplicationService::ApplicationService(const Catalog& catalog, queue::Store& store,
                                       std::string kioskId, const base::Clock& clock)
    : catalog_(catalog), store_(store), kioskId_(std::move(kioskId)), clock_(clock)
{
}

base::Result<queue::SubmissionRef> ApplicationService::submit(Session& session)
{
    auto input = prepare(session);
    if (!input)
        return base::fail(input.error());
    return accepted(session, store_.enqueueCase(std::move(*input)));
}

base::Result<queue::CaseInput> ApplicationService::prepare(const Session& session) const
{
    const CatalogItem* item = catalog_.findItem(session.itemCode());
    if (item == nullptr)
        return base::fail(ApplicationErrc::unknown_item,
                          "item " + session.itemCode() + " is not in the catalog");
    if (!session.card())
        return base::fail(ApplicationErrc::not_identified, base::CitizenText::tr("请先刷身份证"));
    if (auto problems = validateForm(*item, session.form()); !problems.empty())
        return base::fail(ApplicationErrc::invalid_form, problems.front().message);
    auto input = buildCaseInput(catalog_, *item, session, kioskId_, clock_.now());
    // The photos go with the case in one transaction; the queue zeroes its copies once they
    // are sealed (the session keeps its own until it ends: a full queue loses nothing).
    for (const auto& [name, photo] : session.photos())
        input.materials.push_back({name, "image/jpeg", photo.bytes()});
    return input;
}

base::Result<queue::SubmissionRef>
ApplicationService::accepted(Session& session, base::Result<queue::SubmissionRef> stored)
{
    if (!stored && stored.error().code == queue::QueueErrc::full) {
        // Nothing was stored and nothing stored before was touched; the citizen is told
        // plainly, the technician finds the reason in the log.
        base::log::error("core/application", "submission refused: " + stored.error().describe());
        return base::fail(queue::QueueErrc::full, std::string(storeFullMessage));
    }
    if (!stored)
        return base::fail(stored.error().withContext("submit"));
    session.setSubmissionId(stored->submissionId);
    return stored;
}

base::Result<std::string> ApplicationService::rate(const Session& session,
                                                   const hal::Rating& rating,
                                                   std::string_view channel)
{
    return rateCase(session.submissionId(), session.itemCode(), rating, channel);
}

bool ApplicationService::hasRating(const std::string& submissionId) const
{
    const auto records = store_.list();
    if (!records)
        return false; // the store answers the enqueue too; a real duplicate is refused there
    return std::any_of(records->begin(), records->end(), [&](const queue::RecordSummary& r) {
        return r.kind == queue::RecordKind::Evaluation && r.submissionId == submissionId;
    });
}

base::Result<std::string> ApplicationService::rateCase(const std::string& submissionId,
                                                       const std::string& itemCode,
                                                       const hal::Rating& rating,
                                                       std::string_view channel)
{
    if (submissionId.empty())
        return base::fail(ApplicationErrc::not_submitted, "no submitted case to rate");
    if (auto problems = validateRating(catalog_, rating); !problems.empty())
        return base::fail(ApplicationErrc::invalid_rating, problems.front());
    nlohmann::json body{{"kioskId", kioskId_},
                        {"itemCode", itemCode},
                        {"channel", channel},
                        {"level", rating.level},
                        {"reasons", rating.reasons},
                        {"comment", rating.comment},
                        {"evaluatedAt", base::toRfc3339(clock_.now())}};
    return store_.enqueueEvaluation(queue::EvaluationInput{submissionId, std::move(body)});
}

} // namespace kiosk::core
