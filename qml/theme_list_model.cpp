// SPDX-License-Identifier: Apache-2.0
#include "qml/theme_list_model.h"

#include <algorithm>

namespace kiosk::ui {

ThemeListModel::ThemeListModel(QObject* parent) : QAbstractListModel(parent) {}

void ThemeListModel::setThemes(const std::vector<core::ThemeSummary>& themes)
{
    if (sameNames(themes)) {
        updateCounts(themes);
        return;
    }
    const auto before = themes_.size();
    beginResetModel();
    themes_.clear();
    for (const auto& theme : themes)
        themes_.push_back({QString::fromStdString(theme.name), theme.enabledItems});
    endResetModel();
    if (themes_.size() != before)
        emit countChanged();
}

bool ThemeListModel::sameNames(const std::vector<core::ThemeSummary>& themes) const
{
    return std::equal(themes_.begin(), themes_.end(), themes.begin(), themes.end(),
                      [](const Theme& shown, const core::ThemeSummary& next) {
                          return shown.name == QString::fromStdString(next.name);
                      });
}

/// A new catalog rarely changes its themes: the tiles stay and only their counts change,
/// where a reset would make the screen's Repeater build every tile again on the GUI thread.
void ThemeListModel::updateCounts(const std::vector<core::ThemeSummary>& themes)
{
    for (std::size_t row = 0; row < themes.size(); ++row) {
        if (themes_[row].itemCount == themes[row].enabledItems)
            continue;
        themes_[row].itemCount = themes[row].enabledItems;
        const auto changed = index(static_cast<int>(row));
        emit dataChanged(changed, changed, {ItemCountRole});
    }
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
