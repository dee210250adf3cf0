// SPDX-License-Identifier: Apache-2.0
// FakePlatform: a queue::Uplink that answers the online-only lookups of the journey
// (POST /v1/cases/query, POST /v1/documents) as the contract says, scripted by the test: the
// cases it knows, whether it has a document, or a link that is down. Thread-safe (the journey
// calls it from its workers); it records the paths asked, never the bodies.
#pragma once

#include "offline_queue/uplink.h"

#include <nlohmann/json.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace test_support {

class FakePlatform final : public queue::Uplink {
public:
    struct Case {
        std::string caseNo, itemCode, itemName, status, updatedAt;
    };

    void setCases(std::vector<Case> cases)
    {
        std::lock_guard lock(mutex_);
        cases_ = std::move(cases);
    }
    void setDocument(bool present)
    {
        std::lock_guard lock(mutex_);
        document_ = present;
    }
    void setLinkDown(bool down)
    {
        std::lock_guard lock(mutex_);
        linkDown_ = down;
    }
    [[nodiscard]] std::vector<std::string> paths() const
    {
        std::lock_guard lock(mutex_);
        return paths_;
    }

    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest& request,
                                             std::stop_token) override
    {
        std::lock_guard lock(mutex_);
        paths_.push_back(request.path);
        if (linkDown_)
            return base::fail(queue::UplinkErrc::link, "connection refused");
        queue::UplinkResponse response;
        response.contentType = "application/json";
        if (request.path == "/v1/cases/query") {
            auto list = nlohmann::json::array();
            for (const auto& c : cases_)
                list.push_back({{"caseNo", c.caseNo},
                                {"itemCode", c.itemCode},
                                {"itemName", c.itemName},
                                {"status", c.status},
                                {"updatedAt", c.updatedAt}});
            response.status = 200;
            response.body = nlohmann::json{{"cases", list}}.dump();
        } else if (request.path == "/v1/documents" && document_) {
            response.status = 200;
            response.contentType = "application/pdf";
            response.body = "%PDF-1.4\n% a certificate for the fakes: never rendered\n%%EOF\n";
            response.documentId = "DOC-510703-20261124-000123";
        } else if (request.path == "/v1/documents") {
            response.status = 404;
            response.body = R"({"code":"no_document","message":"nothing to print"})";
        } else {
            response.status = 404;
            response.body = R"({"code":"not_found","message":"no such endpoint"})";
        }
        return response;
    }

private:
    mutable std::mutex mutex_;
    std::vector<Case> cases_;
    bool document_ = true;
    bool linkDown_ = false;
    std::vector<std::string> paths_;
};

} // namespace test_support
