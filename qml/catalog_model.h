// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::CatalogModel: a QML list model of catalog items, optionally narrowed to one theme.
#pragma once

#include "kiosk/core/catalog.h"
#include "kiosk/core/catalog_search.h"

#include <QAbstractListModel>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <unordered_map>
#include <utility>
#include <vector>

namespace kiosk::ui {

/// Rows point into a kiosk::core::Catalog owned elsewhere (the Runtime); whoever replaces
/// the catalog calls setItems() again before the old one goes away.
class CatalogModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CatalogModel is provided by CatalogViewModel")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /// A theme name shows only that theme's items; empty shows all.
    Q_PROPERTY(QString themeFilter READ themeFilter WRITE setThemeFilter NOTIFY themeFilterChanged)

public:
    enum Role {
        CodeRole = Qt::UserRole + 1,
        NameRole,
        DepartmentRole,
        ThemeRole,
        KindRole,      ///< apply | query | print | guide
        KindLabelRole, ///< the kind in words for the citizen, e.g. 自助打印
        OnlineRole,    ///< required | preferred
        OnlineRequiredRole,
        HotRole,
        SynonymTermRole,    ///< search results: the synonym the item was found by, e.g. 社保
        SynonymMeaningRole, ///< ... and what its name holds for it, e.g. 社会保险; else empty
    };

    explicit CatalogModel(QObject* parent = nullptr);

    /// The UI's language changed: the rows' names and kind labels are worded again.
    void retranslate();
    /// Replaces every row (before filtering); the order given is the order shown.
    void setItems(std::vector<const core::CatalogItem*> items);
    /// Replaces every row with search results, keeping the synonym each was found by.
    void setHits(const std::vector<core::SearchHit>& hits);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return static_cast<int>(rows_.size()); }
    [[nodiscard]] QString themeFilter() const { return themeFilter_; }
    void setThemeFilter(const QString& theme);

    /// The row's roles by name, for QML code outside a delegate; empty when out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void countChanged();
    void themeFilterChanged();

private:
    void applyFilter();

    std::vector<const core::CatalogItem*> all_;
    std::vector<const core::CatalogItem*> rows_;
    /// The (term, meaning) of the items found through a synonym.
    std::unordered_map<const core::CatalogItem*, std::pair<QString, QString>> synonyms_;
    QString themeFilter_;
};

/// The kind as the citizen reads it: 自助申请, 自助查询, 自助打印, 办事指南.
[[nodiscard]] QString kindLabel(core::ItemKind kind);

} // namespace kiosk::ui
