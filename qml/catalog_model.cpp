// SPDX-License-Identifier: Apache-2.0
#include "qml/catalog_model.h"
#include "qml/qt_text.h"
#include "qml/ui_language.h"

namespace kiosk::ui {

QString kindLabel(core::ItemKind kind)
{
    switch (kind) {
    case core::ItemKind::Apply:
        return CatalogModel::tr("自助申请");
    case core::ItemKind::Query:
        return CatalogModel::tr("自助查询");
    case core::ItemKind::Print:
        return CatalogModel::tr("自助打印");
    case core::ItemKind::Guide:
        return CatalogModel::tr("办事指南");
    }
    return {};
}

CatalogModel::CatalogModel(QObject* parent) : QAbstractListModel(parent) {}

void CatalogModel::setItems(std::vector<const core::CatalogItem*> items)
{
    all_ = std::move(items);
    const bool hadSynonyms = !synonyms_.empty();
    synonyms_.clear();
    applyFilter();
    if (hadSynonyms && !rows_.empty())
        emit dataChanged(index(0), index(count() - 1), {SynonymTermRole, SynonymMeaningRole});
}

void CatalogModel::setHits(const std::vector<core::SearchHit>& hits)
{
    std::vector<const core::CatalogItem*> items;
    decltype(synonyms_) synonyms;
    for (const auto& hit : hits) {
        items.push_back(hit.item);
        if (hit.synonym != nullptr)
            synonyms[hit.item] = {qtText(hit.synonym->term), qtText(hit.meaning)};
    }
    all_ = std::move(items);
    const bool changed = synonyms != synonyms_;
    synonyms_ = std::move(synonyms);
    applyFilter();
    // The same rows may have been found another way (社保 after 社会保险): a reset above
    // covers new rows only.
    if (changed && !rows_.empty())
        emit dataChanged(index(0), index(count() - 1), {SynonymTermRole, SynonymMeaningRole});
}

void CatalogModel::setThemeFilter(const QString& theme)
{
    if (theme == themeFilter_)
        return;
    themeFilter_ = theme;
    applyFilter();
    emit themeFilterChanged();
}

void CatalogModel::retranslate()
{
    // The same rows (their delegates stay), only their words change.
    if (!rows_.empty())
        emit dataChanged(index(0), index(count() - 1), {Qt::DisplayRole, NameRole, KindLabelRole});
}

void CatalogModel::applyFilter()
{
    const auto theme = themeFilter_.toStdString();
    std::vector<const core::CatalogItem*> rows;
    for (const auto* item : all_)
        if (theme.empty() || item->theme == theme)
            rows.push_back(item);
    if (rows == rows_)
        return;
    const bool countChanges = rows.size() != rows_.size();
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
    if (countChanges)
        emit countChanged();
}

int CatalogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant CatalogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& item = *rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return shownName(item);
    case CodeRole:
        return qtText(item.code);
    case DepartmentRole:
        return qtText(item.department);
    case ThemeRole:
        return qtText(item.theme);
    case KindRole:
        return qtText(core::toString(item.kind));
    case KindLabelRole:
        return kindLabel(item.kind);
    case OnlineRole:
        return qtText(core::toString(item.online));
    case OnlineRequiredRole:
        return item.online == core::OnlineMode::Required;
    case HotRole:
        return item.hot;
    case SynonymTermRole:
    case SynonymMeaningRole: {
        const auto it = synonyms_.find(&item);
        if (it == synonyms_.end())
            return QString();
        return role == SynonymTermRole ? it->second.first : it->second.second;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogModel::roleNames() const
{
    return {
        {CodeRole, "code"},
        {NameRole, "name"},
        {DepartmentRole, "department"},
        {ThemeRole, "theme"},
        {KindRole, "kind"},
        {KindLabelRole, "kindLabel"},
        {OnlineRole, "online"},
        {OnlineRequiredRole, "onlineRequired"},
        {HotRole, "hot"},
        {SynonymTermRole, "synonymTerm"},
        {SynonymMeaningRole, "synonymMeaning"},
    };
}

QVariantMap CatalogModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const auto roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        map.insert(QString::fromUtf8(it.value()), data(index(row), it.key()));
    return map;
}

} // namespace kiosk::ui
