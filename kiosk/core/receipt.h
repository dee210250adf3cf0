// SPDX-License-Identifier: Apache-2.0
// The citizen's receipt (办件回执) as a document: what specs/receipt-printer.md says it carries.
#pragma once

#include "base/clock.h"
#include "hal/receipt_printer.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/config.h"
#include "kiosk/core/session.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// The [receipt] section of the configuration (specs/config.md).
using ReceiptSettings = ReceiptSection;

/// What one receipt states beyond the session: the case number once the platform gave one
/// (empty while the case waits in the queue), and the materials handed in.
struct ReceiptFacts {
    std::string caseNo;
    std::vector<std::string> materials;
};

/// The QR text: `qrUrlTemplate` with every "{ref}" replaced by `ref` (a case number or a
/// submission id, both URL-safe). A template without {ref} gets the ref appended.
[[nodiscard]] std::string receiptUrl(std::string_view qrUrlTemplate, std::string_view ref);

/// The reference inside a receipt URL made from `qrUrlTemplate`, or nullopt when `text` is not
/// one (other host, other path, or a ref that is neither a case number nor a submission id).
[[nodiscard]] std::optional<std::string> receiptRefFromUrl(std::string_view qrUrlTemplate,
                                                           std::string_view text);

/// True for what the kiosk puts in {ref}: a lower-case UUIDv4 submission id, or a case
/// number ("510703-20261123-000123": ASCII letters, digits and '-', 6..64 characters).
[[nodiscard]] bool isReceiptRef(std::string_view ref);

/// "张*", "欧阳**", "J***" for a Latin name: the first character, stars for the rest.
[[nodiscard]] std::string maskName(std::string_view name);
/// The first 6 and last 4 characters of an ID number, stars between ("510703********1234").
[[nodiscard]] std::string maskIdNumber(std::string_view idNumber);

/// The receipt of a stored submission. Personal data only masked: receipts get left behind.
[[nodiscard]] hal::Receipt buildReceipt(const Catalog& catalog, const CatalogItem& item,
                                        const Session& session, const ReceiptSettings& settings,
                                        const ReceiptFacts& facts, base::Clock::TimePoint now);

/// What the citizen reads when the receipt did not print (or came out incomplete), with the
/// way on: print again from the last screen, or ask at the window. Chinese; the error's
/// details go to the log only.
[[nodiscard]] std::string_view receiptPrintMessage(const base::Error& error);

} // namespace kiosk::core
