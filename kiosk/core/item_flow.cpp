// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/item_flow.h"
#include "base/citizen_text.h"

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

std::string_view offlineMessage(ItemFlow flow)
{
    if (flow == ItemFlow::ProgressLookup)
        return base::CitizenText::tr(
            "网络中断，暂时查不到办理进度。您在本机提交的申请已安全保存，联网后会自动提交。"
            "请稍后再查，或到服务窗口咨询。");
    return base::CitizenText::tr(
        "网络中断，本事项需联网办理，暂时不能办理。请稍后再试，或到服务窗口办理。");
}

} // namespace kiosk::core
