// SPDX-License-Identifier: Apache-2.0
#include "qml/session_view_model.h"
#include "qml/citizen_words.h"
#include "qml/qt_text.h"
#include "qml/ui_language.h"

#include "base/secure_buffer.h"
#include "kiosk/core/receipt.h"
#include "qml/catalog_view_model.h"

#include <QMetaObject>

#include <algorithm>

namespace kiosk::ui {

namespace {

using core::SessionState;

std::string s(const QString& text)
{
    return text.toStdString();
}

/// A form value as the screens show it: what the identity brought (the ID number, the name)
/// masked as on the receipt, what the citizen typed as typed.
QString shownValue(const core::FormField& field, const std::string& value)
{
    if (field.type == core::FieldType::IdNumber)
        return qtText(core::maskIdNumber(value));
    if (field.prefill == "card.name")
        return qtText(core::maskName(value));
    return qtText(value);
}

} // namespace

SessionViewModel::SessionViewModel(core::Journey& journey, CatalogViewModel& catalog,
                                   QObject* parent)
    : QObject(parent), journey_(journey), catalog_(catalog)
{
    journeyChanged_ = journey_.changed.connect([this] { journeyChanged(); });
    // Ticks only while a session is on: the home screen costs nothing.
    ticker_.setInterval(1000);
    connect(&ticker_, &QTimer::timeout, this, [this] { journey_.tick(); });
}

SessionViewModel::~SessionViewModel() = default;

void SessionViewModel::journeyChanged()
{
    if (idle())
        ticker_.stop();
    else if (!ticker_.isActive())
        ticker_.start();
    if (const auto form = screen() + itemCode(); form != shownForm_) {
        shownForm_ = form;
        emit fieldsChanged();
    }
    emit changed();
}

QString SessionViewModel::screen() const
{
    switch (journey_.state()) {
    case SessionState::Idle:
        return QStringLiteral("home");
    case SessionState::Searching:
        return QStringLiteral("search");
    case SessionState::Browsing:
        return QStringLiteral("guide");
    case SessionState::Identifying:
        return QStringLiteral("identify");
    case SessionState::EnteringIdentity:
        return QStringLiteral("manual_identity");
    case SessionState::FillingForm:
        return QStringLiteral("form");
    case SessionState::Photographing:
        return QStringLiteral("materials");
    case SessionState::Confirming:
        return QStringLiteral("confirm");
    case SessionState::Submitted:
        return QStringLiteral("submitted");
    case SessionState::Rating:
        return QStringLiteral("rating");
    case SessionState::Finished:
        return QStringLiteral("finished");
    case SessionState::LookingUp:
        return QStringLiteral("progress");
    case SessionState::PrintingDocument:
        return QStringLiteral("document");
    case SessionState::ReceiptShown:
        return QStringLiteral("progress");
    }
    return QStringLiteral("home");
}

bool SessionViewModel::idle() const
{
    return journey_.state() == SessionState::Idle;
}

QString SessionViewModel::itemCode() const
{
    return qtText(journey_.session().itemCode());
}

QString SessionViewModel::itemName() const
{
    return journey_.item() ? shownName(*journey_.item()) : QString();
}

QString SessionViewModel::identifiedBy() const
{
    switch (journey_.identifiedBy()) {
    case core::IdentifiedBy::Card:
        return QStringLiteral("card");
    case core::IdentifiedBy::Code:
        return QStringLiteral("code");
    case core::IdentifiedBy::Manual:
        return QStringLiteral("manual");
    case core::IdentifiedBy::None:
        break;
    }
    return {};
}

QString SessionViewModel::maskedName() const
{
    const auto& card = journey_.session().card();
    return card ? qtText(core::maskName(card->name)) : QString();
}

QString SessionViewModel::maskedIdNumber() const
{
    const auto& card = journey_.session().card();
    return card ? qtText(core::maskIdNumber(card->idNumber)) : QString();
}

QVariantList SessionViewModel::fields() const
{
    QVariantList rows;
    const auto* item = journey_.item();
    if (item == nullptr || journey_.state() != SessionState::FillingForm)
        return rows;
    const auto& values = journey_.session().form();
    for (const auto& field : item->form.fields) {
        QStringList options;
        for (const auto& option : field.options)
            options.push_back(qtText(option));
        // What the identity brought (name, ID number...) is not typed again and not shown in
        // full: it is shown masked, as on the receipt, and cannot be changed here.
        const auto value = values.find(field.id);
        const bool locked =
            !field.prefill.empty() && value != values.end() && !value->second.empty();
        const QString shown = locked ? shownValue(field, value->second) : QString();
        rows.push_back(QVariantMap{{"id", qtText(field.id)},
                                   {"label", qtText(field.label)},
                                   {"type", qtText(core::toString(field.type))},
                                   {"required", field.required},
                                   {"options", options},
                                   {"locked", locked},
                                   {"shown", shown}});
    }
    return rows;
}

QVariantMap SessionViewModel::values() const
{
    // Only what the citizen types or chooses here: what the identity brought is shown masked
    // by fields(), and its full text never reaches QML.
    QVariantMap values;
    const auto* item = journey_.item();
    if (item == nullptr || journey_.state() != SessionState::FillingForm)
        return values;
    const auto& form = journey_.session().form();
    for (const auto& field : item->form.fields)
        if (const auto value = form.find(field.id); value != form.end() && field.prefill.empty())
            values.insert(qtText(field.id), qtText(value->second));
    return values;
}

QVariantMap SessionViewModel::problems() const
{
    QVariantMap problems;
    for (const auto& p : journey_.problems())
        problems.insert(qtText(p.fieldId), citizenWords(p.message));
    return problems;
}

QVariantList SessionViewModel::summary() const
{
    QVariantList rows;
    const auto* item = journey_.item();
    if (item == nullptr || journey_.state() != SessionState::Confirming)
        return rows;
    const auto& values = journey_.session().form();
    for (const auto& field : item->form.fields) {
        const auto value = values.find(field.id);
        if (value == values.end() || value->second.empty())
            continue;
        rows.push_back(QVariantMap{{"label", qtText(field.label)},
                                   {"value", shownValue(field, value->second)}});
    }
    return rows;
}

QString SessionViewModel::message() const
{
    return citizenWords(journey_.message());
}

QString SessionViewModel::caseNo() const
{
    return qtText(journey_.caseNo());
}

QString SessionViewModel::localReference() const
{
    return qtText(journey_.submissionId());
}

QString SessionViewModel::receiptState() const
{
    return qtText(core::toString(journey_.receiptState()));
}

QString SessionViewModel::receiptQrText() const
{
    return qtText(journey_.receiptQrText());
}

QVariantList SessionViewModel::ratingReasons() const
{
    QVariantList rows;
    if (const auto* catalog = journey_.catalog();
        catalog && journey_.state() == SessionState::Rating)
        for (const auto& reason : catalog->reasons)
            rows.push_back(
                QVariantMap{{"code", qtText(reason.code)}, {"text", qtText(reason.text)}});
    return rows;
}

void SessionViewModel::chooseItem(const QString& code)
{
    (void)journey_.chooseItem(catalog_.snapshot(), s(code));
}

void SessionViewModel::openSearch()
{
    (void)journey_.openSearch();
}

void SessionViewModel::back()
{
    (void)journey_.back();
}

void SessionViewModel::startApplying()
{
    (void)journey_.startApplying();
}

void SessionViewModel::enterManually()
{
    (void)journey_.enterManually();
}

void SessionViewModel::identifyManually(const QString& name, const QString& idNumber)
{
    (void)journey_.identifyManually(s(name.trimmed()), s(idNumber.trimmed().toUpper()));
}

void SessionViewModel::setField(const QString& fieldId, const QString& value)
{
    auto typed = s(value);
    journey_.setField(s(fieldId), typed);
    base::secureZero(typed); // the journey keeps its own copy; this one dies here
}

void SessionViewModel::completeForm()
{
    (void)journey_.completeForm();
}

void SessionViewModel::confirm()
{
    (void)journey_.confirm();
}

void SessionViewModel::reprint()
{
    journey_.reprint();
}

void SessionViewModel::toRating()
{
    (void)journey_.toRating();
}

void SessionViewModel::rate(int level, const QStringList& reasons)
{
    std::vector<std::string> codes;
    for (const auto& reason : reasons)
        codes.push_back(s(reason));
    (void)journey_.rate(level, codes);
}

void SessionViewModel::skipRating()
{
    (void)journey_.skipRating();
}

void SessionViewModel::rateOnScreenInstead()
{
    journey_.rateOnScreenInstead();
}

QString SessionViewModel::ratingPlace() const
{
    return qtText(core::toString(journey_.ratingPlace()));
}

int SessionViewModel::ratingLevelGiven() const
{
    return journey_.ratingLevelGiven().value_or(0);
}

void SessionViewModel::end()
{
    journey_.end();
}

QString SessionViewModel::language() const
{
    return QString::fromStdString(journey_.preferences().language);
}

void SessionViewModel::setElderMode(bool on)
{
    journey_.setElderMode(on);
}

void SessionViewModel::setVoiceOn(bool on)
{
    journey_.setVoice(on);
}

bool SessionViewModel::setLanguage(const QString& language)
{
    return journey_.setLanguage(language.toStdString()).has_value();
}

void SessionViewModel::touched()
{
    journey_.touched();
}

void SessionViewModel::deliverCard(const hal::CardData& card)
{
    QMetaObject::invokeMethod(
        this, [this, card]() mutable { journey_.cardRead(std::move(card)); }, Qt::QueuedConnection);
}

void SessionViewModel::setHelpCalled(bool called)
{
    QMetaObject::invokeMethod(
        this,
        [this, called] {
            if (called != helpCalled_) {
                helpCalled_ = called;
                journey_.setHelpOpen(called); // waiting for staff: no idle end meanwhile
                emit helpCalledChanged();
            }
        },
        Qt::QueuedConnection);
}

void SessionViewModel::deliverCardFailure(const base::Error& error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { journey_.cardReadFailed(error); }, Qt::QueuedConnection);
}

void SessionViewModel::deliverIdentity(const hal::CardData& identity)
{
    QMetaObject::invokeMethod(
        this, [this, identity]() mutable { (void)journey_.identifyByCode(std::move(identity)); },
        Qt::QueuedConnection);
}

void SessionViewModel::deliverCodeRefusal(const std::string& message)
{
    QMetaObject::invokeMethod(
        this, [this, message] { journey_.codeRefused(message); }, Qt::QueuedConnection);
}

void SessionViewModel::deliverPlatformReachable(bool reachable)
{
    QMetaObject::invokeMethod(
        this, [this, reachable] { journey_.setPlatformReachable(reachable); },
        Qt::QueuedConnection);
}

void SessionViewModel::deliverCaseNo(const std::string& submissionId, const std::string& caseNo)
{
    QMetaObject::invokeMethod(
        this, [this, submissionId, caseNo] { journey_.caseDelivered(submissionId, caseNo); },
        Qt::QueuedConnection);
}

} // namespace kiosk::ui
