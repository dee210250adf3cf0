// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/progress_lookup.h"
#include "base/citizen_text.h"

#include "base/log.h"
#include "base/secure_buffer.h"
#include "offline_queue/platform_client.h"

namespace kiosk::core {

namespace {
constexpr auto progressLookupLog = "core/progress";
} // namespace

std::string_view toString(LookupState state)
{
    switch (state) {
    case LookupState::None:
        return "none";
    case LookupState::Waiting:
        return "waiting";
    case LookupState::Found:
        return "found";
    case LookupState::Empty:
        return "empty";
    case LookupState::Unreachable:
        return "unreachable";
    case LookupState::Failed:
        return "failed";
    case LookupState::NotHere:
        return "not_here";
    }
    return "none";
}

ProgressLookup::Job::~Job()
{
    base::secureZero(idNumber);
}

ProgressLookup::ProgressLookup(const base::Clock& clock, PostToOwner post,
                               std::function<void()> changed)
    : post_(std::move(post)), changed_(std::move(changed)), worker_({"journey/progress"}, clock)
{
    // One request per lookup, seconds at worst: the worker sleeps until a lookup is asked.
    worker_.start(
        [shared = shared_, post = post_, alive = std::weak_ptr<bool>(alive_),
         this](std::stop_token stop) {
            std::optional<Job> job;
            queue::Uplink* uplink = nullptr;
            {
                std::lock_guard lock(shared->mutex);
                job.swap(shared->job);
                uplink = shared->uplink;
            }
            if (!job)
                return base::Worker::idle;
            auto cases = uplink != nullptr
                             ? queue::queryCases(*uplink, job->idType, job->idNumber, stop)
                             : base::Result<std::vector<queue::CaseProgress>>(
                                   base::fail(queue::UplinkErrc::link, "no platform link"));
            post([alive, this, generation = job->generation, cases = std::move(cases)]() mutable {
                if (!alive.expired()) // the lookup went while the answer travelled
                    finished(generation, std::move(cases));
            });
            return base::Worker::idle;
        },
        base::Worker::idle);
}

ProgressLookup::~ProgressLookup()
{
    worker_.stop();
    alive_.reset();
    clear();
}

void ProgressLookup::setPlatform(queue::Uplink* uplink)
{
    std::lock_guard lock(shared_->mutex);
    shared_->uplink = uplink;
}

void ProgressLookup::start(std::string_view idType, std::string_view idNumber)
{
    wipeRows();
    ++generation_;
    fromReceipt_ = false;
    state_ = LookupState::Waiting;
    {
        std::lock_guard lock(shared_->mutex);
        // Built whole and moved in: clang 16 cannot default-construct a nested struct with
        // member initializers inside its enclosing class's definition (the fuzz build).
        shared_->job.emplace(Job{generation_, std::string(idType), std::string(idNumber)});
    }
    worker_.trigger();
    changed_();
}

void ProgressLookup::showReceipt(std::optional<ProgressRow> row)
{
    wipeRows();
    ++generation_; // an identity lookup still under way is not shown over the receipt
    fromReceipt_ = true;
    state_ = row ? LookupState::Found : LookupState::NotHere;
    if (row)
        rows_.push_back(std::move(*row));
    changed_();
}

void ProgressLookup::finished(std::uint64_t generation,
                              base::Result<std::vector<queue::CaseProgress>> cases)
{
    if (generation != generation_)
        return; // that session (or that lookup) is over
    if (cases) {
        rows_ = progressRows(*cases);
        state_ = rows_.empty() ? LookupState::Empty : LookupState::Found;
        for (auto& progress : *cases) { // the rows hold their own copies now
            base::secureZero(progress.caseNo);
            base::secureZero(progress.itemName);
        }
    } else {
        // The error names the endpoint and the platform's code, never the ID number.
        base::log::warning(progressLookupLog,
                           "progress lookup failed: " + cases.error().describe());
        state_ = cases.error().code == queue::UplinkErrc::link ? LookupState::Unreachable
                                                               : LookupState::Failed;
    }
    changed_();
}

std::string_view ProgressLookup::message() const
{
    switch (state_) {
    case LookupState::None:
    case LookupState::Found:
        return "";
    case LookupState::Waiting:
        return base::CitizenText::tr("正在查询，请稍候……");
    case LookupState::Empty:
        return base::CitizenText::tr(
            "没有查到您的办件记录。在本机刚提交的申请，联网送达后才能查到。");
    case LookupState::Unreachable:
        return base::CitizenText::tr(
            "网络暂时不通，现在查不到办理进度。您在本机提交的申请已安全保存，联网后会自动提交，"
            "不需要重新办理。请稍后再查，或到服务窗口咨询。");
    case LookupState::Failed:
        return base::CitizenText::tr("暂时查不到办理进度，请稍后再试，或到服务窗口咨询。");
    case LookupState::NotHere:
        return base::CitizenText::tr(
            "这张回执不是本机打印的，或记录已转交平台。请用身份证查询办理进度。");
    }
    return "";
}

void ProgressLookup::wipeRows()
{
    for (auto& row : rows_) {
        base::secureZero(row.caseNo);
        base::secureZero(row.itemName);
        base::secureZero(row.statusText);
    }
    rows_.clear();
    rows_.shrink_to_fit();
}

void ProgressLookup::clear()
{
    ++generation_;
    {
        std::lock_guard lock(shared_->mutex);
        shared_->job.reset(); // a lookup not yet sent carries the ID number
    }
    wipeRows();
    fromReceipt_ = false;
    state_ = LookupState::None;
}

} // namespace kiosk::core
