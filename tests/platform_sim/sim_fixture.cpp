// SPDX-License-Identifier: Apache-2.0
#include "sim_fixture.h"

#include "base/log.h"
#include "base/random.h"

#include <openssl/evp.h>

namespace sim_test {

Material makeMaterial(std::string bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", digest[i]);
        hex += pair;
    }
    return {std::move(bytes), hex};
}

json caseBody(const std::string& key, const std::vector<Material>& materials,
              const std::string& itemCode)
{
    json listed = json::array();
    for (const Material& material : materials)
        listed.push_back({{"name", "户口簿首页"},
                          {"sha256", material.sha256},
                          {"size", material.bytes.size()},
                          {"contentType", "image/jpeg"}});
    return {{"submissionId", key},
            {"kioskId", kioskId},
            {"itemCode", itemCode},
            {"catalogVersion", 2026112301},
            {"applicant",
             {{"idType", "resident"},
              {"idNumber", idNumber},
              {"name", applicantName},
              {"phone", "13800000000"}}},
            {"form", {{"phone", "13800000000"}}},
            {"materials", listed},
            {"delivery", {{"method", "pickup"}}},
            {"createdAt", "2026-11-23T10:15:00+08:00"}};
}

json evaluationBody(const std::string& key, const std::string& submissionId, int level,
                    json reasons)
{
    return {{"evaluationId", key},
            {"kioskId", kioskId},
            {"submissionId", submissionId},
            {"itemCode", "11510703MB1234567X4000111700001"},
            {"channel", "kiosk"},
            {"level", level},
            {"reasons", std::move(reasons)},
            {"comment", ""},
            {"evaluatedAt", "2026-11-23T10:16:40+08:00"}};
}

json heartbeatBody(json acked)
{
    return {
        {"time", "2026-11-23T10:20:00+08:00"},
        {"softwareVersion", "0.1.0"},
        {"catalogVersion", 2026112301},
        {"queue", {{"pending", 2}, {"deadLetter", 0}, {"oldestPendingAgeS", 12.5}}},
        {"devices",
         json::array(
             {{{"class", "card_reader"}, {"model", "fake"}, {"state", "ready"}, {"detail", ""}}})},
        {"ackedCommands", std::move(acked)}};
}

std::string catalogEnvelope(int catalogVersion)
{
    const json catalog = {
        {"schemaVersion", 1},
        {"catalogVersion", catalogVersion},
        {"region", "510703"},
        {"issuedAt", "2026-11-23T08:00:00+08:00"},
        {"reasons",
         {{{"code", "R01"}, {"text", "办事指南不清楚"}},
          {{"code", "R02"}, {"text", "等候时间长"}}}},
        {"items",
         {{{"code", "11510703MB1234567X4000111700001"}, {"name", "社会保险参保缴费记录打印"}}}}};
    const std::string payload = catalog.dump();
    std::string base64(4 * ((payload.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()),
                                       reinterpret_cast<const unsigned char*>(payload.data()),
                                       static_cast<int>(payload.size()));
    base64.resize(static_cast<std::size_t>(length));
    return json{{"alg", "ed25519"},
                {"keyId", "province-2026-01"},
                {"payload", base64},
                {"signature", "c2lnbmF0dXJl"}}
        .dump();
}

json bodyOf(const httplib::Result& result)
{
    if (!result)
        return json(json::value_t::discarded);
    return json::parse(result->body, nullptr, false);
}

platform_sim::Options kioskOptions()
{
    platform_sim::Options options;
    options.kioskId = kioskId;
    return options;
}

void SimTest::SetUp()
{
    base::log::setSink(base::log::Sink::Stderr);
    restart(kioskOptions());
}

void SimTest::restart(platform_sim::Options options)
{
    client_.reset();
    sim_.reset();
    auto started = platform_sim::Server::start(std::move(options));
    ASSERT_TRUE(started) << started.error().describe();
    sim_ = std::move(*started);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", sim_->port());
    client_->set_read_timeout(10, 0);
}

httplib::Result SimTest::post(const std::string& path, const json& body,
                              const std::string& idempotencyKey)
{
    httplib::Headers headers{{"X-Kiosk-Id", kioskId}};
    if (!idempotencyKey.empty())
        headers.emplace("Idempotency-Key", idempotencyKey);
    return client_->Post(path.c_str(), headers, body.dump(), "application/json");
}

httplib::Result SimTest::put(const Material& material)
{
    return client_->Put(("/v1/materials/" + material.sha256).c_str(),
                        httplib::Headers{{"X-Kiosk-Id", kioskId}}, material.bytes, "image/jpeg");
}

httplib::Result SimTest::submitCase(const std::string& key, const std::vector<Material>& materials)
{
    for (const Material& material : materials) {
        const auto uploaded = put(material);
        EXPECT_TRUE(uploaded && uploaded->status / 100 == 2) << "material upload failed";
    }
    return post("/v1/cases", caseBody(key, materials), key);
}

} // namespace sim_test
