// SPDX-License-Identifier: Apache-2.0
// SessionViewModel's side of the progress lookup and the certificate (kiosk/core's
// ProgressLookup and CertificateFlow, through the journey): read-only mirrors and one action.
#include "qml/citizen_words.h"
#include "qml/qt_text.h"
#include "qml/session_view_model.h"

#include "qml/catalog_view_model.h"

#include <QMetaObject>

namespace kiosk::ui {

QString SessionViewModel::itemFlow() const
{
    const auto* item = journey_.item();
    return item ? qtText(core::toString(journey_.flowOf(*item))) : QString();
}

QString SessionViewModel::lookupState() const
{
    return qtText(core::toString(journey_.progress().state()));
}

QString SessionViewModel::lookupMessage() const
{
    return citizenWords(journey_.progress().message());
}

QVariantList SessionViewModel::progressRows() const
{
    QVariantList rows;
    if (journey_.state() != core::SessionState::LookingUp &&
        journey_.state() != core::SessionState::ReceiptShown)
        return rows;
    for (const auto& row : journey_.progress().rows())
        rows.push_back(QVariantMap{{"caseNo", qtText(row.caseNo)},
                                   {"itemName", qtText(row.itemName)},
                                   {"status", qtText(row.status)},
                                   {"statusText", citizenWords(row.statusText)},
                                   {"updatedText", citizenWords(row.updatedText)}});
    return rows;
}

bool SessionViewModel::fromReceipt() const
{
    return journey_.progress().fromReceipt();
}

QString SessionViewModel::certificateState() const
{
    return qtText(core::toString(journey_.certificate().status()));
}

QString SessionViewModel::certificateMessage() const
{
    return citizenWords(journey_.certificate().message());
}

bool SessionViewModel::certificateBusy() const
{
    return core::isBusy(journey_.certificate().status());
}

bool SessionViewModel::certificateCanRetry() const
{
    return core::canRetry(journey_.certificate().status());
}

void SessionViewModel::retryCertificate()
{
    journey_.retryCertificate();
}

void SessionViewModel::deliverReceiptScan(std::optional<core::ProgressRow> row)
{
    QMetaObject::invokeMethod(
        this, [this, row = std::move(row)]() mutable { journey_.receiptScanned(std::move(row)); },
        Qt::QueuedConnection);
}

bool SessionViewModel::canRateReceipt() const
{
    return journey_.canRateReceipt();
}

QString SessionViewModel::receiptRating() const
{
    return qtText(core::toString(journey_.receiptRating()));
}

void SessionViewModel::rateReceipt()
{
    (void)journey_.rateReceipt();
}

void SessionViewModel::deliverReceiptCase(std::optional<core::ReceiptCase> found)
{
    QMetaObject::invokeMethod(
        this,
        [this, found = std::move(found)]() mutable {
            journey_.receiptCaseScanned(catalog_.snapshot(), std::move(found));
        },
        Qt::QueuedConnection);
}

void SessionViewModel::deliverRatingRefused(const std::string& submissionId)
{
    QMetaObject::invokeMethod(
        this, [this, submissionId] { journey_.ratingRefused(submissionId); }, Qt::QueuedConnection);
}

} // namespace kiosk::ui
