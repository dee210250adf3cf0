// SPDX-License-Identifier: Apache-2.0
#include "qml/theme_list_model.h"

namespace kiosk::ui {

ThemeListModel::ThemeListModel(QObject* parent) : QAbstractListModel(parent) {}

void ThemeListModel::setThemes(const std::vector<core::ThemeSummary>& themes)
{
    const auto before = themes_.size();
    beginResetModel();
    themes_.clear();
    for (const auto& theme : themes)
        themes_.push_back({QString::fromStdString(theme.name), theme.enabledItems});
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
