// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::CatalogViewModel: what the home and guide screens read from the item catalog.
#pragma once

#include "base/signal.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/catalog_snapshot.h"
#include "qml/catalog_model.h"
#include "qml/theme_list_model.h"

#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace kiosk::ui {

/// One object per catalog for QML: the themes, the popular items, all items (grouped by
/// theme) and the guide of one item. It holds no business rules, only presentation. It shows a
/// prepared core::CatalogSnapshot: what it does on the GUI thread is swap the snapshot and
/// reset its models from lists already built.
class CatalogViewModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CatalogViewModel is created by the application")
    Q_PROPERTY(QString regionName READ regionName NOTIFY catalogChanged)
    Q_PROPERTY(int itemCount READ itemCount NOTIFY catalogChanged)
    Q_PROPERTY(kiosk::ui::ThemeListModel* themes READ themes CONSTANT)
    Q_PROPERTY(kiosk::ui::CatalogModel* popular READ popular CONSTANT)
    Q_PROPERTY(kiosk::ui::CatalogModel* items READ items CONSTANT)
    /// What the citizen typed on the search screen (pinyin, initials or hanzi) and its hits.
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(kiosk::ui::CatalogModel* searchResults READ searchResults CONSTANT)

public:
    /// How many popular items the home screen offers.
    static constexpr std::size_t popularLimit = 6;
    /// How many search hits the search screen lists.
    static constexpr std::size_t searchLimit = 30;

    explicit CatalogViewModel(QObject* parent = nullptr);
    ~CatalogViewModel() override;
    CatalogViewModel(const CatalogViewModel&) = delete;
    CatalogViewModel& operator=(const CatalogViewModel&) = delete;

    /// Shows the holder's catalog now and every catalog it switches to later (between
    /// sessions, on the thread that calls CatalogHolder::switchIfIdle: the GUI thread). Keeps
    /// the shown catalog alive; the holder must outlive this object.
    void follow(core::CatalogHolder& holder);

    /// Shows a prepared snapshot (nullptr empties): pointer swaps and model resets only.
    void show(std::shared_ptr<const core::CatalogSnapshot> snapshot);

    /// Prepares `catalog` on the calling thread and shows it, for tests and screenshots: the
    /// kiosk follows a holder instead, whose snapshots are prepared off the GUI thread.
    /// `catalog` must outlive this object or be replaced first; nullptr empties.
    void setCatalog(const core::Catalog* catalog);
    /// The UI's language changed (UiLanguage): the models and the guide are worded again.
    void retranslate();

    /// The snapshot shown (nullptr when empty).
    [[nodiscard]] const std::shared_ptr<const core::CatalogSnapshot>& snapshot() const
    {
        return snapshot_;
    }

    /// The catalog's region name, e.g. 绵阳市涪城区 (empty when the catalog has none).
    [[nodiscard]] QString regionName() const;
    /// Enabled items, the ones the citizen can see.
    [[nodiscard]] int itemCount() const { return items_.count(); }
    [[nodiscard]] ThemeListModel* themes() { return &themes_; }
    [[nodiscard]] CatalogModel* popular() { return &popular_; }
    [[nodiscard]] CatalogModel* items() { return &items_; }
    [[nodiscard]] CatalogModel* searchResults() { return &searchResults_; }
    [[nodiscard]] QString query() const { return query_; }
    /// Searches as the citizen types (one keystroke at a time); empty clears the hits.
    void setQuery(const QString& query);

    /// The guide (办事指南) of one enabled item, ready to show: code, name, department, theme,
    /// kind, kindLabel, onlineRequired, canStart, legalBasis, timeLimitDays, timeLimitText,
    /// fee, conditions, materials [{name, required}], process [step]. Empty when unknown.
    Q_INVOKABLE QVariantMap guide(const QString& code) const;

    /// Whether this kiosk prints certificates (an A4 printer is configured): print items can
    /// be started then; without one their guides send the citizen to a counter.
    void setCertificatePrinting(bool available) { certificatePrinting_ = available; }

signals:
    void catalogChanged();
    void queryChanged();

private:
    void runSearch();

    std::shared_ptr<const core::CatalogSnapshot> snapshot_;
    QString query_;
    bool certificatePrinting_ = false;
    ThemeListModel themes_;
    CatalogModel popular_;
    CatalogModel items_;
    CatalogModel searchResults_;
    base::Connection following_; ///< last: disconnected first, before the models go
};

/// 承诺时限 in words: 0 days is 即办 (done on the spot), otherwise "N 个工作日".
[[nodiscard]] QString timeLimitText(int days);

} // namespace kiosk::ui
