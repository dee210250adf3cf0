// SPDX-License-Identifier: Apache-2.0
// HTTPS and mutual TLS, with certificates generated into a temporary directory.
#include "sim_fixture.h"
#include "test_certificates.h"

namespace sim_test {
namespace {

class TlsTest : public ::testing::Test {
protected:
    void SetUp() override { certificates_ = writeTestCertificates(dir_.path()); }

    std::unique_ptr<platform_sim::Server> startSim(bool requireClientCertificate)
    {
        platform_sim::Options options = kioskOptions();
        options.tls =
            platform_sim::TlsOptions{certificates_.serverCert, certificates_.serverKey,
                                     requireClientCertificate ? certificates_.caCert : ""};
        auto started = platform_sim::Server::start(options);
        EXPECT_TRUE(started) << started.error().describe();
        return started ? std::move(*started) : nullptr;
    }

    /// GET /v1/catalog over TLS, verifying the server against the test CA.
    httplib::Result get(const platform_sim::Server& sim, const std::string& cert = "",
                        const std::string& key = "")
    {
        httplib::SSLClient client("127.0.0.1", sim.port(), cert, key);
        client.set_ca_cert_path(certificates_.caCert.c_str());
        client.enable_server_certificate_verification(true);
        client.set_connection_timeout(5, 0);
        client.set_read_timeout(5, 0);
        return client.Get("/v1/catalog", httplib::Headers{{"X-Kiosk-Id", kioskId}});
    }

    TempDir dir_;
    CertificateFiles certificates_;
};

TEST_F(TlsTest, ServerAnswersOverHttps)
{
    const auto sim = startSim(false);
    ASSERT_NE(sim, nullptr);
    EXPECT_TRUE(sim->baseUrl().starts_with("https://127.0.0.1:"));

    const auto answer = get(*sim);

    ASSERT_TRUE(answer) << httplib::to_string(answer.error());
    EXPECT_EQ(answer->status, 404); // served: no catalog configured
    EXPECT_EQ(bodyOf(answer)["code"], "no_catalog");
}

TEST_F(TlsTest, MutualTlsRefusesAClientWithoutACertificate)
{
    const auto sim = startSim(true);
    ASSERT_NE(sim, nullptr);

    const auto answer = get(*sim);

    EXPECT_FALSE(answer) << "answered " << answer->status;
    EXPECT_EQ(sim->snapshot().counters.requests, 0u);
}

TEST_F(TlsTest, MutualTlsRefusesACertificateFromAnotherIssuer)
{
    const auto sim = startSim(true);
    ASSERT_NE(sim, nullptr);

    const auto answer = get(*sim, certificates_.strangerCert, certificates_.strangerKey);

    EXPECT_FALSE(answer) << "answered " << answer->status;
    EXPECT_EQ(sim->snapshot().counters.requests, 0u);
}

TEST_F(TlsTest, MutualTlsServesAClientWithACertificateFromTheCa)
{
    const auto sim = startSim(true);
    ASSERT_NE(sim, nullptr);

    const auto answer = get(*sim, certificates_.clientCert, certificates_.clientKey);

    ASSERT_TRUE(answer) << httplib::to_string(answer.error());
    EXPECT_EQ(answer->status, 404);
    EXPECT_EQ(bodyOf(answer)["code"], "no_catalog");
    EXPECT_EQ(sim->snapshot().counters.requests, 1u);
}

TEST_F(TlsTest, UnreadableCertificateIsAStartError)
{
    platform_sim::Options options;
    options.tls = platform_sim::TlsOptions{dir_.file("missing.pem"), certificates_.serverKey, ""};

    auto started = platform_sim::Server::start(options);

    ASSERT_FALSE(started);
    EXPECT_NE(started.error().message.find("TLS"), std::string::npos);
}

} // namespace
} // namespace sim_test
