// SPDX-License-Identifier: Apache-2.0
// ProgressLookup: 办件进度查询 for the journey. The citizen's cases are asked of the platform
// (POST /v1/cases/query) on a worker of its own, never on the GUI thread; the rows come back
// through the owner's post. A receipt's QR shows that one case from this kiosk's queue instead.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/worker.h"
#include "kiosk/core/case_progress.h"
#include "offline_queue/uplink.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// Runs a task on the owner (GUI) thread later; the same type as journey.h's.
using PostToOwner = std::function<void(std::function<void()> task)>;

enum class LookupState {
    None,        ///< nothing asked
    Waiting,     ///< the platform is being asked
    Found,       ///< rows() holds the cases, newest first
    Empty,       ///< the platform knows no case of this citizen
    Unreachable, ///< the platform could not be reached (cases kept in the queue are safe)
    Failed,      ///< the platform refused or answered nonsense
    NotHere,     ///< a receipt this kiosk does not hold (another kiosk's, or purged since)
};
/// none | waiting | found | empty | unreachable | failed | not_here
[[nodiscard]] std::string_view toString(LookupState state);

/// Not thread-safe except setPlatform(): lives on the owner thread with the journey.
class ProgressLookup {
public:
    /// `changed` runs on the owner thread whenever state() or rows() change.
    ProgressLookup(const base::Clock& clock, PostToOwner post, std::function<void()> changed);
    ~ProgressLookup();
    ProgressLookup(const ProgressLookup&) = delete;
    ProgressLookup& operator=(const ProgressLookup&) = delete;

    /// The platform link (null: every lookup is Unreachable). Thread-safe.
    void setPlatform(queue::Uplink* uplink);

    /// Asks the platform for the cases of this identity, on the worker. The ID number is
    /// copied into the job and zeroed when the job is done or dropped.
    void start(std::string_view idType, std::string_view idNumber);
    /// The case of a scanned receipt, looked up in this kiosk's queue (receiptProgress()),
    /// with the catalog's item name put in; std::nullopt: NotHere.
    void showReceipt(std::optional<ProgressRow> row);
    /// Forgets everything (the session ended): a late answer is dropped.
    void clear();

    [[nodiscard]] LookupState state() const { return state_; }
    [[nodiscard]] const std::vector<ProgressRow>& rows() const { return rows_; }
    /// True when rows() came from a scanned receipt (no identity was used).
    [[nodiscard]] bool fromReceipt() const { return fromReceipt_; }
    /// What the screen says about the state (Chinese); empty for Found.
    [[nodiscard]] std::string_view message() const;

private:
    struct Job {
        std::uint64_t generation = 0;
        std::string idType;
        std::string idNumber;
        ~Job();
    };
    struct Shared {
        std::mutex mutex;
        queue::Uplink* uplink = nullptr;
        std::optional<Job> job;
    };

    void finished(std::uint64_t generation, base::Result<std::vector<queue::CaseProgress>> cases);
    void wipeRows();

    PostToOwner post_;
    std::function<void()> changed_;
    LookupState state_ = LookupState::None;
    std::vector<ProgressRow> rows_;
    bool fromReceipt_ = false;
    std::uint64_t generation_ = 0;
    std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
    /// Answers posted to the owner check it: they may arrive after the lookup went.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    base::Worker worker_; ///< last: stopped before the rest goes
};

} // namespace kiosk::core
