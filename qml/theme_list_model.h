// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::ThemeListModel: the catalog's themes (社会保险, 医疗保障, ...) with their item counts.
#pragma once

#include "kiosk/core/catalog_snapshot.h"

#include <QAbstractListModel>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace kiosk::ui {

class ThemeListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ThemeListModel is provided by CatalogViewModel")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { NameRole = Qt::UserRole + 1, ItemCountRole };

    struct Theme {
        QString name;
        int itemCount = 0;
    };

    explicit ThemeListModel(QObject* parent = nullptr);

    /// Replaces the rows with `themes` (a snapshot's: counted off the GUI thread); empty clears.
    /// The same themes in the same order only update the counts that changed.
    void setThemes(const std::vector<core::ThemeSummary>& themes);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return static_cast<int>(themes_.size()); }
    [[nodiscard]] const std::vector<Theme>& themes() const { return themes_; }

signals:
    void countChanged();

private:
    [[nodiscard]] bool sameNames(const std::vector<core::ThemeSummary>& themes) const;
    void updateCounts(const std::vector<core::ThemeSummary>& themes);

    std::vector<Theme> themes_;
};

} // namespace kiosk::ui
