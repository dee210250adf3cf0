// SPDX-License-Identifier: Apache-2.0
// Which flow of the kiosk an item takes after identification: an application (form, queue,
// receipt), a progress lookup (办件进度查询), a certificate (自助打印), or none (a counter).
#pragma once

#include "kiosk/core/catalog.h"

#include <string_view>

namespace kiosk::core {

enum class ItemFlow {
    Counter,        ///< the kiosk shows the guide only: the citizen goes to a counter
    Application,    ///< kind apply with a form
    ProgressLookup, ///< POST /v1/cases/query: the citizen's cases and their status
    Certificate,    ///< POST /v1/documents, printed on the A4 printer
};
[[nodiscard]] std::string_view toString(ItemFlow flow); ///< counter | application | ...

/// The flow of `item`. Progress lookups are query items whose name says 进度 (办理进度查询,
/// 制卡进度查询...): the platform's only query endpoint lists the citizen's cases, which
/// answers those and no other query (缴费记录, 积分...: a counter until the platform has more).
/// Certificates are print items, and only when the kiosk has an A4 printer
/// (`certificatePrinting`, [devices] a4_printer); without one the guide sends to a counter.
/// The platform's POST /v1/documents takes no form: a print item's form fields are not asked.
[[nodiscard]] ItemFlow itemFlow(const CatalogItem& item, bool certificatePrinting);

/// What the citizen reads when an item that needs the platform cannot start because the link is
/// down; a progress lookup adds that the cases kept on this kiosk are safe.
[[nodiscard]] std::string_view offlineMessage(ItemFlow flow);

} // namespace kiosk::core
