// SPDX-License-Identifier: Apache-2.0
#include "tests/load/catalog_fetchers.h"

#include <curl/curl.h>

#include <algorithm>

namespace fleet_load {

namespace {

std::size_t discardBody(char*, std::size_t size, std::size_t count, void*)
{
    return size * count;
}

/// Keeps the ETag header of the answer.
std::size_t keepEtag(char* data, std::size_t size, std::size_t count, void* out)
{
    std::string line(data, size * count);
    if (line.size() > 5 && (line.starts_with("ETag:") || line.starts_with("etag:"))) {
        line = line.substr(5);
        line.erase(0, line.find_first_not_of(' '));
        line.erase(line.find_last_not_of("\r\n ") + 1);
        *static_cast<std::string*>(out) = line;
    }
    return size * count;
}

} // namespace

CatalogFetchers::CatalogFetchers(std::string platformUrl, std::vector<std::string> kioskIds,
                                 std::string initialEtag, int workers)
    : url_(std::move(platformUrl) + "/v1/catalog"), kioskIds_(std::move(kioskIds)),
      etags_(kioskIds_.size(), initialEtag)
{
    for (int i = 0; i < workers; ++i) {
        auto worker = std::make_unique<base::Worker>(
            base::Worker::Options{"fleet-load/fetch-" + std::to_string(i),
                                  std::chrono::milliseconds(100)},
            base::systemClock());
        // One handle per worker, kept for its connection (keep-alive) and freed with the worker.
        std::shared_ptr<CURL> curl(curl_easy_init(), &curl_easy_cleanup);
        worker->start([this, curl](std::stop_token) { return step(curl.get()); });
        workers_.push_back(std::move(worker));
    }
}

CatalogFetchers::~CatalogFetchers()
{
    for (auto& worker : workers_)
        worker->stop();
}

void CatalogFetchers::schedule(std::size_t kiosk, Clock::time_point due)
{
    std::lock_guard lock(mutex_);
    due_.push({due, kiosk});
}

void CatalogFetchers::resetCounts()
{
    std::lock_guard lock(mutex_);
    counts_ = {};
    perSecond_.clear();
    stormStart_ = Clock::now();
}

FetchCounts CatalogFetchers::counts() const
{
    std::lock_guard lock(mutex_);
    FetchCounts counts = counts_;
    const auto first =
        std::find_if(perSecond_.begin(), perSecond_.end(), [](std::uint64_t n) { return n > 0; });
    const auto last =
        std::find_if(perSecond_.rbegin(), perSecond_.rend(), [](std::uint64_t n) { return n > 0; });
    if (first != perSecond_.end()) {
        counts.peakPerSecond = *std::max_element(perSecond_.begin(), perSecond_.end());
        const auto seconds = static_cast<double>(std::distance(first, last.base()));
        counts.meanPerSecond =
            static_cast<double>(counts.ok + counts.notModified + counts.failed) / seconds;
    }
    return counts;
}

std::size_t CatalogFetchers::outstanding() const
{
    std::lock_guard lock(mutex_);
    return due_.size() + inFlight_;
}

std::chrono::milliseconds CatalogFetchers::step(void* curl)
{
    std::size_t kiosk = 0;
    std::string etag;
    {
        std::lock_guard lock(mutex_);
        const auto now = Clock::now();
        if (due_.empty())
            return std::chrono::milliseconds(20);
        if (due_.top().at > now)
            return std::min(std::chrono::milliseconds(20),
                            std::chrono::ceil<std::chrono::milliseconds>(due_.top().at - now));
        kiosk = due_.top().kiosk;
        due_.pop();
        etag = etags_[kiosk];
        ++inFlight_;
    }
    const std::string kioskHeader = "X-Kiosk-Id: " + kioskIds_[kiosk];
    const std::string etagHeader = "If-None-Match: " + etag;
    curl_slist* headers = curl_slist_append(nullptr, kioskHeader.c_str());
    headers = curl_slist_append(headers, etagHeader.c_str());
    std::string newEtag;
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &discardBody);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &keepEtag);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &newEtag);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    std::lock_guard lock(mutex_);
    --inFlight_;
    if (code == CURLE_OK && status == 200 && !newEtag.empty())
        etags_[kiosk] = newEtag;
    record(status, code == CURLE_OK);
    return std::chrono::milliseconds(0);
}

void CatalogFetchers::record(long status, bool transportOk)
{
    if (transportOk && status == 200)
        ++counts_.ok;
    else if (transportOk && status == 304)
        ++counts_.notModified;
    else
        ++counts_.failed;
    const auto second = static_cast<std::size_t>(
        std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - stormStart_).count());
    if (perSecond_.size() <= second)
        perSecond_.resize(second + 1, 0);
    ++perSecond_[second];
}

} // namespace fleet_load
