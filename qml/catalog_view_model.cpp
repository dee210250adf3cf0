// SPDX-License-Identifier: Apache-2.0
#include "qml/catalog_view_model.h"

#include <QVariantList>

#include <algorithm>

namespace kiosk::ui {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

/// Enabled items grouped by theme (themes in catalog order, items in catalog order within
/// a theme), so a list sectioned by theme shows each theme once.
std::vector<const core::CatalogItem*> groupedByTheme(const core::Catalog& catalog)
{
    std::vector<const core::CatalogItem*> rows;
    for (const auto& item : catalog.items)
        if (item.enabled)
            rows.push_back(&item);
    const auto themes = catalog.themes();
    const auto rank = [&](const core::CatalogItem* item) {
        return std::find(themes.begin(), themes.end(), item->theme) - themes.begin();
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
    return rows;
}

QVariantList materialList(const std::vector<core::Material>& materials)
{
    QVariantList list;
    for (const auto& material : materials)
        list.append(QVariantMap{{"name", qs(material.name)}, {"required", material.required}});
    return list;
}

QVariantList stepList(const std::vector<std::string>& steps)
{
    QVariantList list;
    for (const auto& step : steps)
        list.append(qs(step));
    return list;
}

} // namespace

QString timeLimitText(int days)
{
    return days <= 0 ? QStringLiteral("即办") : QStringLiteral("%1 个工作日").arg(days);
}

CatalogViewModel::CatalogViewModel(QObject* parent) : QObject(parent) {}

CatalogViewModel::~CatalogViewModel()
{
    if (holder_ != nullptr)
        holder_->setListener({});
}

void CatalogViewModel::follow(core::CatalogHolder& holder)
{
    holder_ = &holder;
    const auto show = [this](std::shared_ptr<const core::Catalog> next) {
        setCatalog(next.get()); // the models point at the new one before the old one goes
        held_ = std::move(next);
    };
    show(holder.current());
    holder.setListener(show);
}

void CatalogViewModel::setCatalog(const core::Catalog* catalog)
{
    catalog_ = catalog;
    themes_.setCatalog(catalog);
    popular_.setItems(catalog != nullptr ? catalog->popular(popularLimit)
                                         : std::vector<const core::CatalogItem*>{});
    items_.setItems(catalog != nullptr ? groupedByTheme(*catalog)
                                       : std::vector<const core::CatalogItem*>{});
    search_.reset();
    if (catalog != nullptr) {
        // Without the pinyin dictionary search still finds hanzi; the kiosk logs nothing here
        // because the table reports its own failure to whoever asks (kioskctl, tests).
        auto pinyin = core::PinyinTable::system();
        search_ = std::make_unique<core::CatalogSearch>(*catalog, pinyin ? *pinyin : nullptr);
    }
    runSearch();
    emit catalogChanged();
}

void CatalogViewModel::setQuery(const QString& query)
{
    if (query == query_)
        return;
    query_ = query;
    runSearch();
    emit queryChanged();
}

void CatalogViewModel::runSearch()
{
    searchResults_.setItems(search_ ? search_->search(query_.toStdString(), searchLimit)
                                    : std::vector<const core::CatalogItem*>{});
}

QString CatalogViewModel::regionName() const
{
    return catalog_ != nullptr ? qs(catalog_->regionName) : QString();
}

QVariantMap CatalogViewModel::guide(const QString& code) const
{
    const auto* item = catalog_ != nullptr ? catalog_->findItem(code.toStdString()) : nullptr;
    if (item == nullptr || !item->enabled)
        return {};
    const auto& guide = item->guide;
    return {
        {"code", qs(item->code)},
        {"name", qs(item->name)},
        {"department", qs(item->department)},
        {"theme", qs(item->theme)},
        {"kind", qs(std::string(core::toString(item->kind)))},
        {"kindLabel", kindLabel(item->kind)},
        {"onlineRequired", item->online == core::OnlineMode::Required},
        // Guide-only items are done at a counter; the kiosk has nothing to start for them.
        {"canStart", item->kind != core::ItemKind::Guide},
        {"legalBasis", qs(guide.legalBasis)},
        {"timeLimitDays", guide.timeLimitDays},
        {"timeLimitText", timeLimitText(guide.timeLimitDays)},
        {"fee", qs(guide.fee)},
        {"conditions", qs(guide.conditions)},
        {"materials", materialList(guide.materials)},
        {"process", stepList(guide.process)},
    };
}

} // namespace kiosk::ui
