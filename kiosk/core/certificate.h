// SPDX-License-Identifier: Apache-2.0
// Certificates (自助打印): the platform's PDF for an item and a citizen, printed on A4.
#pragma once

#include "base/result.h"
#include "hal/card_reader.h"
#include "hal/document_printer.h"
#include "kiosk/core/catalog.h"
#include "offline_queue/uplink.h"

#include <functional>
#include <stop_token>
#include <string>
#include <string_view>

namespace kiosk::core {

struct CertificateResult {
    bool printed = false;   ///< false: the platform has no document for this citizen (yet)
    std::string documentId; ///< X-Document-Id
    hal::DocumentJob job;
};

/// What the citizen reads while the certificate prints, for each job state (Chinese).
[[nodiscard]] std::string_view certificateMessage(hal::DocumentJobState state);
/// What the citizen reads when printing failed (the error's details are for the log only).
[[nodiscard]] std::string_view certificateErrorMessage(const base::Error& error);

/// POST /v1/documents for `item` and the card's holder, then the PDF to `printer`, followed
/// to its end. `progress` (may be empty) hears each job state with the citizen's words, from
/// the calling thread. Online only: a link failure is an error, nothing is queued. A requested
/// `stop` abandons the document's download, or the wait for a job submitted already (which the
/// print system goes on with).
[[nodiscard]] base::Result<CertificateResult>
printCertificate(queue::Uplink& uplink, hal::DocumentPrinter& printer, const CatalogItem& item,
                 const hal::CardData& card,
                 const std::function<void(hal::DocumentJobState, std::string_view)>& progress = {},
                 std::stop_token stop = {});

} // namespace kiosk::core
