// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/item_flow.h"

namespace kiosk::core {

std::string_view toString(ItemFlow flow)
{
    switch (flow) {
    case ItemFlow::Counter:
        return "counter";
    case ItemFlow::Application:
        return "application";
    case ItemFlow::ProgressLookup:
        return "progress_lookup";
    case ItemFlow::Certificate:
        return "certificate";
    }
    return "counter";
}

ItemFlow itemFlow(const CatalogItem& item, bool certificatePrinting)
{
    switch (item.kind) {
    case ItemKind::Apply:
        return item.form.fields.empty() ? ItemFlow::Counter : ItemFlow::Application;
    case ItemKind::Query:
        return item.name.find("进度") != std::string::npos ? ItemFlow::ProgressLookup
                                                           : ItemFlow::Counter;
    case ItemKind::Print:
        return certificatePrinting ? ItemFlow::Certificate : ItemFlow::Counter;
    case ItemKind::Guide:
        break;
    }
    return ItemFlow::Counter;
}

} // namespace kiosk::core
