// SPDX-License-Identifier: Apache-2.0
// The journey's hooks for progress lookup (办件进度查询) and certificates (自助打印): the
// logic lives in progress_lookup.* and certificate_flow.*; this file only moves the session.
#include "base/citizen_text.h"
#include "kiosk/core/journey.h"

namespace kiosk::core {

namespace {
using S = SessionState;
using E = SessionEvent;
} // namespace

void Journey::setPlatform(queue::Uplink* uplink)
{
    progress_->setPlatform(uplink);
    certificates_->setPlatform(uplink);
}

void Journey::setDocumentPrinter(std::shared_ptr<hal::DocumentPrinter> printer)
{
    certificates_->setPrinter(std::move(printer));
}

ItemFlow Journey::flowOf(const CatalogItem& item) const
{
    return itemFlow(item, certificates_->hasPrinter());
}

void Journey::identifyForService(hal::CardData card, IdentifiedBy by, ItemFlow flow)
{
    const auto event = flow == ItemFlow::ProgressLookup ? E::LookUp : E::PrintDocument;
    (void)apply(event, [&] {
        session_.setCard(std::move(card));
        identifiedBy_ = by;
        problems_.clear();
        const auto& held = *session_.card();
        if (flow == ItemFlow::ProgressLookup)
            progress_->start(hal::toString(held.type), held.idNumber);
        else
            certificates_->start(*item_, held);
    });
}

void Journey::receiptScanned(std::optional<ProgressRow> row)
{
    if (state() != S::Identifying)
        return;
    if (flowOf(*item_) != ItemFlow::ProgressLookup) {
        codeRefused(base::CitizenText::tr(
            "这不是身份二维码，请打开手机上的电子身份证二维码，或改用身份证。"));
        return;
    }
    if (row && catalog() != nullptr)
        if (const auto* item = catalog()->findItem(row->itemName))
            row->itemName = item->name; // receiptProgress() leaves the item code there
    (void)apply(E::LookUp, [&] { progress_->showReceipt(std::move(row)); });
}

void Journey::retryCertificate()
{
    const auto& card = session_.card();
    if (state() != S::PrintingDocument || !canRetry(certificates_->status()) || !card)
        return;
    touched();
    certificates_->start(*item_, *card);
}

} // namespace kiosk::core
