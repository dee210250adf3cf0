// SPDX-License-Identifier: Apache-2.0
// How a queued record becomes a request, and how the platform's answer is classified
// (the table of specs/platform-api.md "Errors", exactly).
#pragma once

#include "base/result.h"
#include "offline_queue/record.h"
#include "offline_queue/uplink.h"

#include <chrono>
#include <optional>
#include <string>

namespace queue {

/// What the sync loop does with a record after one attempt.
enum class Disposition {
    Delivered,  ///< 2xx with a well-formed body
    Retry,      ///< transient answer or link problem: try again later
    DeadLetter, ///< permanent rejection: keep it visible, never retry automatically
    Hold,       ///< 401/403: the kiosk's credentials are wrong; stop sending everything
};

struct Verdict {
    Disposition disposition = Disposition::Retry;
    std::string result; ///< a delivered case's caseNo
    std::string reason; ///< for technicians: "503 injected_fault", "link: Connection refused"
    std::optional<std::chrono::seconds> retryAfter;
    bool linkDown = false; ///< no HTTP answer at all
};

/// The request that delivers `record`. An evaluation gets its case's caseNo when known.
[[nodiscard]] UplinkRequest requestFor(const OutgoingRecord& record);

/// Classifies one answer (or link failure) for a record of `kind`.
[[nodiscard]] Verdict classify(RecordKind kind, const base::Result<UplinkResponse>& answer);

} // namespace queue
