// SPDX-License-Identifier: Apache-2.0
// Reply: an HTTP answer as plain data, so the simulator's logic is independent of cpp-httplib.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platform_sim {

struct Reply {
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;

    [[nodiscard]] bool succeeded() const { return status >= 200 && status < 300; }
};

[[nodiscard]] inline Reply jsonReply(int status, const nlohmann::json& body)
{
    return Reply{status, body.dump(), "application/json", {}};
}

/// The contract's error body: `{"code": "<machine code>", "message": "<text>"}`.
/// Messages name fields, never their values: bodies carry personal data.
[[nodiscard]] inline Reply errorReply(int status, std::string_view code, std::string_view message)
{
    return jsonReply(status, {{"code", code}, {"message", message}});
}

} // namespace platform_sim
