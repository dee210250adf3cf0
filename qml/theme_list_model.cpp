// SPDX-License-Identifier: Apache-2.0
#include "qml/theme_list_model.h"

#include <algorithm>

namespace kiosk::ui {

ThemeListModel::ThemeListModel(QObject* parent) : QAbstractListModel(parent) {}

void ThemeListModel::setCatalog(const core::Catalog* catalog)
{
    const auto before = themes_.size();
    beginResetModel();
    themes_.clear();
    if (catalog != nullptr) {
        for (const auto& name : catalog->themes()) {
            const auto enabled =
                std::count_if(catalog->items.begin(), catalog->items.end(),
                              [&](const auto& item) { return item.enabled && item.theme == name; });
            // A theme whose items are all switched off would lead the citizen to an empty list.
            if (enabled > 0)
                themes_.push_back({QString::fromStdString(name), static_cast<int>(enabled)});
        }
    }
    endResetModel();
    if (themes_.size() != before)
        emit countChanged();
}

int ThemeListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant ThemeListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& theme = themes_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return theme.name;
    case ItemCountRole:
        return theme.itemCount;
    default:
        return {};
    }
}

QHash<int, QByteArray> ThemeListModel::roleNames() const
{
    return {{NameRole, "name"}, {ItemCountRole, "itemCount"}};
}

} // namespace kiosk::ui
