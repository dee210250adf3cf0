// SPDX-License-Identifier: Apache-2.0
// Test fixture: a platform-sim Server on a free port, an httplib client, and request bodies.
#pragma once

#include "platform_sim/server.h"
#include "tests/support/temp_dir.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <httplib.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sim_test {

using nlohmann::json;

inline const std::string kioskId = "SC-510703-0042";
/// Personal data used in the bodies; tests check that it never comes out again.
inline const std::string idNumber = "51070319900101123X";
inline const std::string applicantName = "张三";

/// A fresh directory, removed with its contents (the helper every test executable shares).
using TempDir = test_support::TempDir;

/// A material's bytes and their SHA-256.
struct Material {
    std::string bytes;
    std::string sha256;
};
[[nodiscard]] Material makeMaterial(std::string bytes);

/// A valid POST /v1/cases body for `key`, applicant idNumber/applicantName, listing `materials`.
[[nodiscard]] json caseBody(const std::string& key, const std::vector<Material>& materials = {},
                            const std::string& itemCode = "11510703MB1234567X4000111700001");
/// A valid POST /v1/evaluations body rating the case `submissionId`.
[[nodiscard]] json evaluationBody(const std::string& key, const std::string& submissionId,
                                  int level, json reasons = json::array());
/// A valid heartbeat body, acknowledging `acked` command ids.
[[nodiscard]] json heartbeatBody(json acked = json::array());
/// An envelope whose payload is a small catalog with one item and reasons R01, R02.
[[nodiscard]] std::string catalogEnvelope(int catalogVersion);

/// Options accepting only `kioskId`, on a free port, everything else default.
[[nodiscard]] platform_sim::Options kioskOptions();

/// The JSON body of a response (discarded JSON if there is no response or it is not JSON).
[[nodiscard]] json bodyOf(const httplib::Result& result);

class SimTest : public ::testing::Test {
protected:
    void SetUp() override;
    /// Stops the running simulator (if any) and starts one with `options`.
    void restart(platform_sim::Options options);

    [[nodiscard]] httplib::Result post(const std::string& path, const json& body,
                                       const std::string& idempotencyKey = "");
    [[nodiscard]] httplib::Result put(const Material& material);
    /// Uploads the materials, then submits a case for `key` listing them; returns the answer.
    [[nodiscard]] httplib::Result submitCase(const std::string& key,
                                             const std::vector<Material>& materials = {});

    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<httplib::Client> client_;
};

} // namespace sim_test
