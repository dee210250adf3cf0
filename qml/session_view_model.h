// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::SessionViewModel: the citizen's journey (kiosk/core's Journey) as QML reads it.
// Main.qml shows the screen it names and forwards each tap to it; it decides nothing itself.
#pragma once

#include "base/signal.h"
#include "kiosk/core/journey.h"
#include "qml/materials_view_model.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace kiosk::ui {

class CatalogViewModel;

/// A thin mirror of one core::Journey for the screens. Every property is re-read from the
/// journey when it changes; every invokable forwards to it. Cards from the reader's thread
/// come in through deliverCard(), which hands them to the GUI thread first. Personal data is
/// shown masked; the form's own values are shown as typed (the citizen is checking them).
/// Lives on the GUI thread, like the journey it mirrors.
class SessionViewModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SessionViewModel is created by the application")
    /// home | search | guide | identify | manual_identity | form | materials | confirm |
    /// submitted | rating | finished | progress | document (progress also shows a receipt
    /// scanned on an idle screen)
    Q_PROPERTY(QString screen READ screen NOTIFY changed)
    /// True on the home screen with nobody served: a new catalog may be switched in now.
    Q_PROPERTY(bool idle READ idle NOTIFY changed)
    Q_PROPERTY(QString itemCode READ itemCode NOTIFY changed)
    Q_PROPERTY(QString itemName READ itemName NOTIFY changed)
    /// card | code | manual | "" (not identified yet)
    Q_PROPERTY(QString identifiedBy READ identifiedBy NOTIFY changed)
    Q_PROPERTY(QString maskedName READ maskedName NOTIFY changed)
    Q_PROPERTY(QString maskedIdNumber READ maskedIdNumber NOTIFY changed)
    /// The card's photo can be shown (a WLT decoder is configured); without one the identity
    /// card on screen says 无照片.
    Q_PROPERTY(bool hasPhoto READ hasPhoto NOTIFY changed)
    /// The form: [{id, label, type, required, options, locked, shown}] in the item's order.
    /// `locked` fields came with the identity (the card's name and number): shown masked
    /// (`shown`), not typed again. It changes only with the screen or the item, so the form's
    /// fields are not rebuilt while typing.
    Q_PROPERTY(QVariantList fields READ fields NOTIFY fieldsChanged)
    /// The form's values by field id, as typed or prefilled.
    Q_PROPERTY(QVariantMap values READ values NOTIFY changed)
    /// What is wrong, by field id, on the form and on the manual identity entry (name,
    /// idNumber), worded for the citizen.
    Q_PROPERTY(QVariantMap problems READ problems NOTIFY changed)
    /// What the confirmation lists: [{label, value}], ID numbers masked.
    Q_PROPERTY(QVariantList summary READ summary NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(QString caseNo READ caseNo NOTIFY changed)
    /// The local reference while the case waits in the queue (本机受理号).
    Q_PROPERTY(QString localReference READ localReference NOTIFY changed)
    /// none | printing | printed | failed | no_printer
    Q_PROPERTY(QString receiptState READ receiptState NOTIFY changed)
    /// 确认提交 was tapped and the queue has not answered yet.
    Q_PROPERTY(bool saving READ saving NOTIFY changed)
    Q_PROPERTY(QString receiptQrText READ receiptQrText NOTIFY changed)
    /// The catalog's reasons for a bad rating: [{code, text}].
    Q_PROPERTY(QVariantList ratingReasons READ ratingReasons NOTIFY changed)
    /// Where the rating prompt is: none | tablet | screen.
    Q_PROPERTY(QString ratingPlace READ ratingPlace NOTIFY changed)
    /// The level a key evaluator gave (1 or 2) when the screen asks only for reasons; 0 else.
    Q_PROPERTY(int ratingLevelGiven READ ratingLevelGiven NOTIFY changed)
    Q_PROPERTY(bool idleWarning READ idleWarning NOTIFY changed)
    /// A citizen asked for help (人工帮助) and staff have not acknowledged it yet.
    Q_PROPERTY(bool helpCalled READ helpCalled NOTIFY helpCalledChanged)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY changed)
    /// How the citizen asked to be served, for this session only (core::ServingPreferences):
    /// 长辈版, 语音播报 (on by default in 长辈版) and the UI's language (zh_CN | en_US).
    Q_PROPERTY(bool elderMode READ elderMode NOTIFY changed)
    Q_PROPERTY(bool voiceOn READ voiceOn NOTIFY changed)
    Q_PROPERTY(QString language READ language NOTIFY changed)
    /// The materials step (the materials screen, the confirmation's list of materials).
    Q_PROPERTY(kiosk::ui::MaterialsViewModel* materials READ materials CONSTANT)
    /// The progress lookup (screen "progress"): none | waiting | found | empty | unreachable |
    /// failed | not_here, its words, and the cases [{caseNo, itemName, status, statusText,
    /// updatedText}] newest first (from a scanned receipt: fromReceipt).
    /// What the item leads to after identification: application | progress_lookup |
    /// certificate | counter (core::itemFlow), "" without an item.
    Q_PROPERTY(QString itemFlow READ itemFlow NOTIFY changed)
    Q_PROPERTY(QString lookupState READ lookupState NOTIFY changed)
    Q_PROPERTY(QString lookupMessage READ lookupMessage NOTIFY changed)
    Q_PROPERTY(QVariantList progressRows READ progressRows NOTIFY changed)
    Q_PROPERTY(bool fromReceipt READ fromReceipt NOTIFY changed)
    /// A receipt scanned on an idle screen (screen "progress" too): may its case be rated here
    /// now (评价此件), and open | already_rated | unavailable (core::ReceiptRating).
    Q_PROPERTY(bool canRateReceipt READ canRateReceipt NOTIFY changed)
    Q_PROPERTY(QString receiptRating READ receiptRating NOTIFY changed)
    /// The certificate (screen "document"): core::toString(CertificateStatus), its words, whether
    /// it is under way (no going back) and whether it may be printed again.
    Q_PROPERTY(QString certificateState READ certificateState NOTIFY changed)
    Q_PROPERTY(QString certificateMessage READ certificateMessage NOTIFY changed)
    Q_PROPERTY(bool certificateBusy READ certificateBusy NOTIFY changed)
    Q_PROPERTY(bool certificateCanRetry READ certificateCanRetry NOTIFY changed)

public:
    /// `journey` and `catalog` must outlive the view-model. The view-model ticks the
    /// journey's idle timer once a second while a session is on.
    SessionViewModel(core::Journey& journey, CatalogViewModel& catalog, QObject* parent = nullptr);
    ~SessionViewModel() override;
    SessionViewModel(const SessionViewModel&) = delete;
    SessionViewModel& operator=(const SessionViewModel&) = delete;

    [[nodiscard]] QString screen() const;
    [[nodiscard]] bool idle() const;
    [[nodiscard]] QString itemCode() const;
    [[nodiscard]] QString itemName() const;
    [[nodiscard]] QString identifiedBy() const;
    [[nodiscard]] QString maskedName() const;
    [[nodiscard]] QString maskedIdNumber() const;
    [[nodiscard]] bool hasPhoto() const { return false; }
    [[nodiscard]] QVariantList fields() const;
    [[nodiscard]] QVariantMap values() const;
    [[nodiscard]] QVariantMap problems() const;
    [[nodiscard]] QVariantList summary() const;
    [[nodiscard]] QString message() const;
    [[nodiscard]] QString caseNo() const;
    [[nodiscard]] QString localReference() const;
    [[nodiscard]] QString receiptState() const;
    [[nodiscard]] bool saving() const { return journey_.saving(); }
    [[nodiscard]] QString receiptQrText() const;
    [[nodiscard]] QVariantList ratingReasons() const;
    [[nodiscard]] QString ratingPlace() const;
    [[nodiscard]] int ratingLevelGiven() const;
    [[nodiscard]] bool idleWarning() const { return journey_.idleWarning(); }
    [[nodiscard]] bool helpCalled() const { return helpCalled_; }
    /// The staff call opened or closed (from any thread; handed to the GUI thread).
    void setHelpCalled(bool called);
    [[nodiscard]] int secondsLeft() const { return journey_.secondsLeft(); }
    [[nodiscard]] MaterialsViewModel* materials() { return &materials_; }
    [[nodiscard]] bool elderMode() const { return journey_.preferences().elder; }
    [[nodiscard]] bool voiceOn() const { return journey_.preferences().voiceOn(); }
    [[nodiscard]] QString language() const;
    // Progress lookup and certificates (session_services.cpp).
    [[nodiscard]] QString itemFlow() const;
    [[nodiscard]] QString lookupState() const;
    [[nodiscard]] QString lookupMessage() const;
    [[nodiscard]] QVariantList progressRows() const;
    [[nodiscard]] bool fromReceipt() const;
    [[nodiscard]] bool canRateReceipt() const;
    [[nodiscard]] QString receiptRating() const;
    [[nodiscard]] QString certificateState() const;
    [[nodiscard]] QString certificateMessage() const;
    [[nodiscard]] bool certificateBusy() const;
    [[nodiscard]] bool certificateCanRetry() const;

    Q_INVOKABLE void chooseItem(const QString& code);
    Q_INVOKABLE void openSearch();
    Q_INVOKABLE void back();
    Q_INVOKABLE void startApplying();
    Q_INVOKABLE void enterManually();
    Q_INVOKABLE void identifyManually(const QString& name, const QString& idNumber);
    Q_INVOKABLE void setField(const QString& fieldId, const QString& value);
    Q_INVOKABLE void completeForm();
    Q_INVOKABLE void confirm();
    Q_INVOKABLE void reprint();
    Q_INVOKABLE void toRating();
    Q_INVOKABLE void rate(int level, const QStringList& reasons);
    Q_INVOKABLE void skipRating();
    Q_INVOKABLE void rateOnScreenInstead();
    Q_INVOKABLE void end();
    /// Prints the certificate again after a fault the citizen may retry.
    Q_INVOKABLE void retryCertificate();
    /// 评价此件: rates a scanned receipt's case (once).
    Q_INVOKABLE void rateReceipt();
    Q_INVOKABLE void setElderMode(bool on);
    Q_INVOKABLE void setVoiceOn(bool on);
    /// Switches the UI's language; false (and nothing changes) for one it is not translated into.
    Q_INVOKABLE bool setLanguage(const QString& language);
    /// Any touch on the screen (Main's event filter): the idle timer starts again.
    Q_INVOKABLE void touched();

    /// A card read on the reader's thread; handed to the GUI thread. Thread-safe.
    void deliverCard(const hal::CardData& card);
    /// A failed read (the card, or the reader gone), handed to the GUI thread. Thread-safe.
    void deliverCardFailure(const base::Error& error);
    /// An identity resolved from a phone app's code, handed to the GUI thread. Thread-safe.
    void deliverIdentity(const hal::CardData& identity);
    /// Why a scanned code did not identify the citizen, handed to the GUI thread.
    void deliverCodeRefusal(const std::string& message);
    /// Whether the platform can be reached (the sync loop's link state), for the journey's
    /// online-only items; handed to the GUI thread. Thread-safe.
    void deliverPlatformReachable(bool reachable);
    /// The platform's number of a delivered case, handed to the GUI thread. Thread-safe.
    void deliverCaseNo(const std::string& submissionId, const std::string& caseNo);
    /// A receipt's QR scanned, with its case from the kiosk's queue (std::nullopt: not held
    /// here), handed to the GUI thread. Thread-safe.
    void deliverReceiptScan(std::optional<core::ProgressRow> row);
    /// A receipt's QR scanned, with its case from the kiosk's queue (std::nullopt: not held
    /// here), handed to the GUI thread with the catalog shown there. Thread-safe.
    void deliverReceiptCase(std::optional<core::ReceiptCase> found);
    /// The platform refused the evaluation of `submissionId` for good (a dead letter), handed
    /// to the GUI thread. Thread-safe.
    void deliverRatingRefused(const std::string& submissionId);

    /// Ticks the journey's idle timer (the view-model's own timer does, once a second).
    void tick() { journey_.tick(); }

signals:
    void changed();
    void fieldsChanged();
    void helpCalledChanged();

private:
    void journeyChanged();

    core::Journey& journey_;
    CatalogViewModel& catalog_;
    MaterialsViewModel materials_{journey_};
    QTimer ticker_;
    QString shownForm_;
    bool helpCalled_ = false;         ///< screen and item whose fields() were announced last
    base::Connection journeyChanged_; ///< last: disconnected first
};

} // namespace kiosk::ui
