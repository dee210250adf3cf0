// SPDX-License-Identifier: Apache-2.0
#include "qml/catalog_view_model.h"
#include "qml/qt_text.h"
#include "qml/ui_language.h"

#include "kiosk/core/journey.h"

#include <QVariantList>

#include <algorithm>
#include <utility>

namespace kiosk::ui {

namespace {

std::vector<const core::CatalogItem*> firstOf(const std::vector<const core::CatalogItem*>& items,
                                              std::size_t limit)
{
    return {items.begin(),
            items.begin() + static_cast<std::ptrdiff_t>(std::min(limit, items.size()))};
}

QVariantList materialList(const std::vector<core::Material>& materials)
{
    QVariantList list;
    for (const auto& material : materials)
        list.append(QVariantMap{{"name", qtText(material.name)}, {"required", material.required}});
    return list;
}

QVariantList stepList(const std::vector<std::string>& steps)
{
    QVariantList list;
    for (const auto& step : steps)
        list.append(qtText(step));
    return list;
}

} // namespace

QString timeLimitText(int days)
{
    return days <= 0 ? CatalogViewModel::tr("即办") : CatalogViewModel::tr("%n 个工作日", "", days);
}

CatalogViewModel::CatalogViewModel(QObject* parent) : QObject(parent) {}

CatalogViewModel::~CatalogViewModel() = default;

void CatalogViewModel::follow(core::CatalogHolder& holder)
{
    show(holder.currentSnapshot());
    following_ = holder.switched.connect(
        [this](const std::shared_ptr<const core::CatalogSnapshot>& next) { show(next); });
}

void CatalogViewModel::show(std::shared_ptr<const core::CatalogSnapshot> snapshot)
{
    // The models point at the new catalog before the old snapshot may go.
    const auto previous = std::exchange(snapshot_, std::move(snapshot));
    themes_.setThemes(snapshot_ ? snapshot_->themes() : std::vector<core::ThemeSummary>{});
    popular_.setItems(snapshot_ ? firstOf(snapshot_->popular(), popularLimit)
                                : std::vector<const core::CatalogItem*>{});
    items_.setItems(snapshot_ ? snapshot_->itemsByTheme()
                              : std::vector<const core::CatalogItem*>{});
    runSearch();
    emit catalogChanged();
}

void CatalogViewModel::retranslate()
{
    popular_.retranslate();
    items_.retranslate();
    searchResults_.retranslate();
    emit catalogChanged(); // the guide's words (guide(code) is read again)
}

void CatalogViewModel::setCatalog(const core::Catalog* catalog)
{
    if (catalog == nullptr) {
        show(nullptr);
        return;
    }
    // Not owned: the caller keeps `catalog` alive (an empty owner makes the pointer borrowed).
    show(core::CatalogSnapshot::prepare(
        std::shared_ptr<const core::Catalog>(std::shared_ptr<void>(), catalog)));
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
    // No query finds nothing; asking the index anyway would build it here, on the GUI thread,
    // when the kiosk has left that to a worker (CatalogSnapshot::SearchIndex::OnFirstUse).
    const bool searching = snapshot_ && !query_.trimmed().isEmpty();
    searchResults_.setHits(searching ? snapshot_->search().find(query_.toStdString(), searchLimit)
                                     : std::vector<core::SearchHit>{});
}

QString CatalogViewModel::regionName() const
{
    return snapshot_ ? qtText(snapshot_->catalog().regionName) : QString();
}

QVariantMap CatalogViewModel::guide(const QString& code) const
{
    const auto* item = snapshot_ ? snapshot_->findEnabled(code.toStdString()) : nullptr;
    if (item == nullptr)
        return {};
    const auto& guide = item->guide;
    return {
        {"code", qtText(item->code)},
        {"name", shownName(*item)},
        {"department", qtText(item->department)},
        {"theme", qtText(item->theme)},
        {"kind", qtText(std::string(core::toString(item->kind)))},
        {"kindLabel", kindLabel(item->kind)},
        {"onlineRequired", item->online == core::OnlineMode::Required},
        // What the kiosk's journey can do from start to end (core::itemFlow): applications
        // with a form, progress lookups, certificates when an A4 printer is configured. The
        // rest is done at a counter.
        {"canStart", core::itemFlow(*item, certificatePrinting_) != core::ItemFlow::Counter},
        {"legalBasis", qtText(guide.legalBasis)},
        {"timeLimitDays", guide.timeLimitDays},
        {"timeLimitText", timeLimitText(guide.timeLimitDays)},
        {"fee", qtText(guide.fee)},
        {"conditions", qtText(guide.conditions)},
        {"materials", materialList(guide.materials)},
        {"process", stepList(guide.process)},
    };
}

} // namespace kiosk::ui
