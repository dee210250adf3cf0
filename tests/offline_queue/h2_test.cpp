// SPDX-License-Identifier: Apache-2.0
// The uplink over HTTP/2 for real. Debian's nghttpx terminates mutual TLS in front of
// platform-sim, as a platform's TLS gateway would: ALPN h2, a client certificate of the test CA
// required; behind it platform-sim over plain HTTP/1.1 on loopback, which identifies the kiosk
// by X-Kiosk-Id as it always does. Shown over h2, by the protocol curl reports per answer: the
// drain of cases, materials and ratings multiplexed on one connection; answers lost after
// processing and replayed by idempotency key; the hold on 403; no certificate, no request.
#include "tests/offline_queue/queue_fixture.h"
#include "tests/platform_sim/test_certificates.h"
#include "tests/support/nghttpx.h"

using namespace queue_test;

namespace {

/// Forwards to another uplink and counts its answers by the HTTP version they came in.
class VersionCounter final : public Uplink {
public:
    explicit VersionCounter(Uplink& inner) : inner_(inner) {}
    base::Result<UplinkResponse> send(const UplinkRequest& request,
                                      std::stop_token stop = {}) override
    {
        auto answer = inner_.send(request, std::move(stop));
        count(answer);
        return answer;
    }
    std::vector<base::Result<UplinkResponse>> sendAll(std::span<const UplinkRequest> requests,
                                                      std::stop_token stop = {}) override
    {
        auto results = inner_.sendAll(requests, std::move(stop));
        for (const auto& result : results)
            count(result);
        return results;
    }

    std::map<HttpVersion, int> answers; ///< HTTP answers by version
    int linkFailures = 0;               ///< requests without an HTTP answer

private:
    void count(const base::Result<UplinkResponse>& answer)
    {
        if (answer)
            ++answers[answer->httpVersion];
        else
            ++linkFailures;
    }
    Uplink& inner_;
};

class UplinkH2 : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (test_support::Nghttpx::program().empty())
            GTEST_SKIP() << "nghttpx is not installed: apt-get install nghttp2-proxy "
                            "(listed in scripts/packages.txt)";
        certificates_ = sim_test::writeTestCertificates(dir_.path().string());
        auto sim = platform_sim::Server::start(simOptions());
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        test_support::NghttpxOptions front;
        front.backendPort = sim_->port();
        front.certFile = certificates_.serverCert;
        front.keyFile = certificates_.serverKey;
        front.clientCaFile = certificates_.caCert;
        std::string error;
        front_ = test_support::Nghttpx::start(front, error);
        ASSERT_TRUE(front_) << error;
        store_ = openStore(dir_ / "queue.db", clock_);
        ASSERT_TRUE(store_);
    }

    /// An uplink to nghttpx over mutual TLS (no client certificate if `withCertificate` is false).
    std::unique_ptr<CurlUplink> uplink(const std::string& id = kioskId, bool withCertificate = true)
    {
        UplinkOptions options;
        options.baseUrl = front_->baseUrl();
        options.kioskId = id;
        options.userAgent = "kiosk-test/1";
        options.caFile = certificates_.caCert;
        if (withCertificate) {
            options.certFile = certificates_.clientCert;
            options.keyFile = certificates_.clientKey;
        }
        options.requestTimeout = 5s;
        auto made = CurlUplink::create(options);
        EXPECT_TRUE(made) << made.error().describe();
        return std::move(*made);
    }

    base::ManualClock clock_; ///< first: the store and the loops use it
    test_support::TempDir dir_;
    sim_test::CertificateFiles certificates_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<test_support::Nghttpx> front_; // stopped before the simulator
    std::unique_ptr<Store> store_;
};

} // namespace

TEST_F(UplinkH2, DrainsCasesMaterialsAndRatingsMultiplexedOnOneConnection)
{
    for (int i = 0; i < 20; ++i) {
        auto ref = store_->enqueueCase(sampleCase(2));
        ASSERT_TRUE(ref);
        ASSERT_TRUE(store_->enqueueEvaluation({ref->submissionId, sampleRating(i % 5 + 1)}));
    }
    auto curl = uplink();
    VersionCounter counted(*curl);
    SyncLoop loop(*store_, counted, clock_, quickOptions());
    ASSERT_TRUE(drain(loop, *store_, clock_));

    EXPECT_EQ(store_->counts()->delivered, 80);
    EXPECT_EQ(loop.linkState(), LinkState::Up);
    // Every request answered once, every answer over HTTP/2, all on one TLS connection.
    EXPECT_EQ(counted.answers, (std::map<HttpVersion, int>{{HttpVersion::Http2, 80}}));
    EXPECT_EQ(counted.linkFailures, 0);
    EXPECT_EQ(curl->connectionsOpened(), 1);
    const auto snapshot = sim_->snapshot();
    expectExactlyOnce(*store_, snapshot);
    EXPECT_EQ(snapshot.cases.size(), 20u);
    EXPECT_EQ(snapshot.materials.size(), 2u); // the same two scans in every case
    EXPECT_EQ(snapshot.evaluations.size(), 20u);
}

TEST_F(UplinkH2, AnswersLostAfterProcessingAreReplayedByIdempotencyKey)
{
    // Processed, then the answer is cut short: nghttpx resets the h2 stream.
    ASSERT_TRUE(sim_->setFaults(faults(0, 5, "/v1/cases")));
    for (int i = 0; i < 10; ++i)
        ASSERT_TRUE(store_->enqueueCase(sampleCase(1)));
    auto curl = uplink();
    VersionCounter counted(*curl);
    SyncLoop loop(*store_, counted, clock_, quickOptions());
    ASSERT_TRUE(drain(loop, *store_, clock_));

    const auto snapshot = sim_->snapshot();
    expectExactlyOnce(*store_, snapshot); // one case per Idempotency-Key
    EXPECT_EQ(snapshot.cases.size(), 10u);
    EXPECT_EQ(snapshot.counters.droppedResponses, 5u);
    EXPECT_GE(counted.linkFailures, 5);
    EXPECT_GE(snapshot.counters.replays, 5u); // each lost answer sent again, with its key
    EXPECT_EQ(counted.answers.size(), 1u);
    EXPECT_GT(counted.answers[HttpVersion::Http2], 0);
}

TEST_F(UplinkH2, RefusedCredentialsHoldTheQueueWithNothingMarked)
{
    ASSERT_TRUE(store_->enqueueCase(sampleCase(1)));
    auto curl = uplink("SC-000000-9999"); // a valid certificate, an id the platform refuses
    VersionCounter counted(*curl);
    SyncLoop loop(*store_, counted, clock_, quickOptions());
    ASSERT_TRUE(loop.runPass());

    EXPECT_EQ(loop.linkState(), LinkState::Unauthorized);
    EXPECT_EQ(counted.answers, (std::map<HttpVersion, int>{{HttpVersion::Http2, 1}}));
    EXPECT_EQ(store_->counts()->pending, 2);
    const auto records = store_->list();
    ASSERT_TRUE(records);
    for (const auto& record : *records) {
        EXPECT_EQ(record.attempts, 0);
        EXPECT_EQ(record.lastError, "");
    }
    EXPECT_TRUE(sim_->snapshot().materials.empty());
}

TEST_F(UplinkH2, WithoutAClientCertificateNothingReachesThePlatform)
{
    ASSERT_TRUE(store_->enqueueCase(sampleCase(0)));
    auto curl = uplink(kioskId, false);
    VersionCounter counted(*curl);
    SyncLoop loop(*store_, counted, clock_, quickOptions());
    ASSERT_TRUE(loop.runPass());

    EXPECT_EQ(loop.linkState(), LinkState::Down);
    EXPECT_TRUE(counted.answers.empty());
    EXPECT_EQ(store_->counts()->pending, 1);
    EXPECT_NE(store_->list()->front().lastError.find("link:"), std::string::npos);
    EXPECT_EQ(sim_->snapshot().counters.requests, 0u);
}
