// SPDX-License-Identifier: Apache-2.0
// The uplink's faults for real, against platform-sim: a platform that goes away and comes back
// on the same port, mutual TLS with a wrong CA or an expired certificate, slow answers, 429
// with Retry-After, malformed 2xx bodies, concurrent delivery through dropped responses; and
// the online-only calls (case query, documents). Each ends with nothing lost and nothing
// delivered twice, by platform-sim's own record.
#include "offline_queue/platform_client.h"
#include "tests/offline_queue/queue_fixture.h"
#include "tests/platform_sim/test_certificates.h"
#include "tests/support/poll_until.h"

#include <httplib.h>

#include <ctime>
#include <thread>

using namespace queue_test;

namespace {

std::unique_ptr<Store> openStore(const test_support::TempDir& dir, const base::Clock& clock)
{
    return queue_test::openStore(dir / "queue.db", clock);
}

std::unique_ptr<platform_sim::Server> startSim(platform_sim::Options options)
{
    auto sim = platform_sim::Server::start(std::move(options));
    EXPECT_TRUE(sim) << sim.error().describe();
    return sim ? std::move(*sim) : nullptr;
}

/// An HTTP date (RFC 9110 IMF-fixdate), as a Retry-After may carry.
std::string httpDate(base::Clock::TimePoint time)
{
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
}

} // namespace

TEST(UplinkFaults, ARecordGoesOutWithinOneProbeIntervalOfThePlatformReturning)
{
    test_support::TempDir dir;
    auto sim = startSim(simOptions());
    const int port = sim->port();
    const auto url = sim->baseUrl();
    sim.reset(); // the platform goes away
    base::ManualClock clock;
    auto store = openStore(dir, clock);
    auto uplink = makeSimUplink(url);
    SyncOptions options;
    options.backoffBase = 30s; // any backoff would be far longer than the promise
    options.backoffCap = 60s;
    SyncLoop loop(*store, *uplink, clock, options);
    ASSERT_TRUE(store->enqueueCase(sampleCase(1)));
    // The first pass fails: the link is down, and the loop probes every probeInterval.
    ASSERT_TRUE(test_support::startAndSettle(clock, [&] { loop.start(); }));
    ASSERT_EQ(loop.linkState(), LinkState::Down);
    for (int i = 0; i < 3; ++i) // a few probes fail while it is away
        ASSERT_TRUE(test_support::advanceAndSettle(clock, options.probeInterval));
    EXPECT_EQ(loop.linkState(), LinkState::Down);

    sim = startSim(simOptions(port)); // back, on the same port
    ASSERT_TRUE(sim);
    EXPECT_EQ(store->counts()->pending, 2) << "nothing goes out before the next probe";
    ASSERT_TRUE(test_support::advanceAndSettle(clock, options.probeInterval));
    loop.stop();
    EXPECT_EQ(store->counts()->pending, 0) << "not delivered one probe interval after the "
                                              "platform returned";
    EXPECT_EQ(loop.linkState(), LinkState::Up);
    expectExactlyOnce(*store, sim->snapshot());
}

TEST(UplinkFaults, ConcurrentDeliveryThroughDroppedResponsesIsExactlyOnce)
{
    test_support::TempDir dir;
    auto options = simOptions();
    options.faults.dropNext = 15; // processed, then the answer is lost
    options.faults.pathPrefix = "/v1/cases";
    options.faults.latencyMs = 10;
    auto sim = startSim(options);
    base::ManualClock clock;
    auto store = openStore(dir, clock);
    std::vector<std::string> evaluations;
    for (int i = 0; i < 40; ++i) {
        auto ref = store->enqueueCase(sampleCase(i % 3));
        ASSERT_TRUE(ref);
        evaluations.push_back(*store->enqueueEvaluation({ref->submissionId, sampleRating(5)}));
    }
    auto uplink = makeSimUplink(sim->baseUrl());
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(drain(loop, *store, clock)) << store->counts()->pending << " pending, "
                                            << sim->snapshot().counters.requests << " requests";
    const auto snapshot = sim->snapshot();
    expectExactlyOnce(*store, snapshot);
    EXPECT_EQ(snapshot.evaluations.size(), 40u);
    EXPECT_EQ(snapshot.counters.droppedResponses, 15u);
    EXPECT_GT(snapshot.counters.replays, 0u);
}

TEST(UplinkFaults, SlowAnswersTimeOutAndTheRetryIsHarmless)
{
    // curl's request timeout is real time: the platform really is slower than it.
    test_support::TempDir dir;
    auto options = simOptions();
    options.faults.latencyMs = 800;
    auto sim = startSim(options);
    base::ManualClock clock;
    auto store = openStore(dir, clock);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    UplinkOptions uplinkOptions;
    uplinkOptions.baseUrl = sim->baseUrl();
    uplinkOptions.kioskId = kioskId;
    uplinkOptions.allowInsecureLoopback = true;
    uplinkOptions.requestTimeout = 200ms;
    auto uplink = std::move(*CurlUplink::create(uplinkOptions));
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(loop.linkState(), LinkState::Down);
    EXPECT_EQ(store->counts()->pending, 1);
    EXPECT_NE(store->list()->front().lastError.find("link:"), std::string::npos);
    // The platform finishes the request nobody waited for.
    ASSERT_TRUE(test_support::pollUntil([&] { return sim->snapshot().cases.size() == 1; }));
    platform_sim::Faults fast;
    ASSERT_TRUE(sim->setFaults(fast));
    ASSERT_TRUE(loop.probe());
    ASSERT_TRUE(drain(loop, *store, clock));
    expectExactlyOnce(*store, sim->snapshot());
    EXPECT_EQ(sim->snapshot().counters.replays, 1u) << "the retry was answered as a replay";
}

TEST(UplinkFaults, TooManyRequestsWaitsForRetryAfter)
{
    test_support::TempDir dir;
    auto options = simOptions();
    options.faults.failNext = 1;
    options.faults.failStatus = 429;
    options.faults.retryAfter = "1";
    auto sim = startSim(options);
    base::ManualClock clock;
    auto store = openStore(dir, clock);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    auto uplink = makeSimUplink(sim->baseUrl());
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(store->list()->front().lastError, "429 injected_fault");
    const auto requests = sim->snapshot().counters.requests;
    ASSERT_TRUE(loop.runPass());
    clock.advance(999ms);
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(sim->snapshot().counters.requests, requests) << "sent before Retry-After";
    clock.advance(1ms);
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(store->counts()->pending, 0);
    expectExactlyOnce(*store, sim->snapshot());
}

TEST(UplinkFaults, ARetryAfterDateIsReadAgainstTheUplinksClock)
{
    // The kiosk's clock says 2026-11-23T02:00:00Z; the platform asks for a retry at 02:00:30.
    base::ManualClock clock;
    auto options = simOptions();
    options.faults.failNext = 1;
    options.faults.failStatus = 503;
    options.faults.retryAfter = httpDate(clock.now() + 30s);
    auto sim = startSim(options);
    test_support::TempDir dir;
    auto store = openStore(dir, clock);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    UplinkOptions uplinkOptions;
    uplinkOptions.baseUrl = sim->baseUrl();
    uplinkOptions.kioskId = kioskId;
    uplinkOptions.allowInsecureLoopback = true;
    uplinkOptions.clock = &clock;
    auto uplink = std::move(*CurlUplink::create(uplinkOptions));
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(store->list()->front().lastError.substr(0, 3), "503");
    EXPECT_EQ(store->nextAttempt()->value(), clock.now() + 30s);
}

TEST(UplinkFaults, AMalformedSuccessIsRetriedNeverTakenForDelivery)
{
    // A broken gateway that answers 200 with HTML: the contract's body is missing.
    httplib::Server broken;
    broken.Post("/v1/cases", [](const httplib::Request&, httplib::Response& response) {
        response.set_content("<html>ok</html>", "text/html");
    });
    const int port = broken.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { broken.listen_after_bind(); });
    ASSERT_TRUE(test_support::pollUntil([&] { return broken.is_running(); }));
    test_support::TempDir dir;
    base::ManualClock clock;
    auto store = openStore(dir, clock);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    auto uplink = makeSimUplink("http://127.0.0.1:" + std::to_string(port));
    {
        SyncLoop loop(*store, *uplink, clock, quickOptions());
        ASSERT_TRUE(loop.runPass());
    }
    uplink.reset(); // closes its kept-alive connection, so the server stops at once
    broken.stop();
    serving.join();
    const auto record = store->list()->front();
    EXPECT_EQ(record.state, RecordState::Pending);
    EXPECT_EQ(record.lastError, "200 with a malformed body");
}

class UplinkTls : public ::testing::Test {
protected:
    void SetUp() override { certificates_ = sim_test::writeTestCertificates(dir_.path().string()); }

    std::unique_ptr<platform_sim::Server> startTlsSim(bool expired)
    {
        auto options = simOptions();
        options.tls = platform_sim::TlsOptions{
            expired ? certificates_.expiredServerCert : certificates_.serverCert,
            expired ? certificates_.expiredServerKey : certificates_.serverKey,
            certificates_.caCert};
        return startSim(options);
    }

    std::unique_ptr<CurlUplink> tlsUplink(const std::string& url, const std::string& ca)
    {
        UplinkOptions options;
        options.baseUrl = url;
        options.kioskId = kioskId;
        options.caFile = ca;
        options.certFile = certificates_.clientCert;
        options.keyFile = certificates_.clientKey;
        return std::move(*CurlUplink::create(options));
    }

    test_support::TempDir dir_;
    sim_test::CertificateFiles certificates_;
};

TEST_F(UplinkTls, AWrongCaOrAnExpiredCertificateKeepsEverythingQueued)
{
    base::ManualClock clock;
    auto store = openStore(dir_, clock);
    ASSERT_TRUE(store->enqueueCase(sampleCase(1)));
    for (const bool expired : {false, true}) {
        clock.advance(quickOptions().backoffCap); // the records' next attempt is due
        auto sim = startTlsSim(expired);
        // A CA that did not issue the server's certificate; or the right CA, expired server.
        auto uplink =
            tlsUplink(sim->baseUrl(), expired ? certificates_.caCert : certificates_.strangerCert);
        SyncLoop loop(*store, *uplink, clock, quickOptions());
        ASSERT_TRUE(loop.runPass());
        EXPECT_EQ(loop.linkState(), LinkState::Down);
        EXPECT_EQ(store->counts()->pending, 2);
        EXPECT_EQ(sim->snapshot().counters.requests, 0u);
        EXPECT_NE(store->list()->front().lastError.find("link:"), std::string::npos);
    }
    // The right CA and a valid certificate: delivered, once, over mutual TLS.
    auto sim = startTlsSim(false);
    auto uplink = tlsUplink(sim->baseUrl(), certificates_.caCert);
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(loop.probe());
    ASSERT_TRUE(drain(loop, *store, clock));
    expectExactlyOnce(*store, sim->snapshot());
}

TEST(PlatformClient, CaseQueryAndDocumentsAreOnlineCalls)
{
    test_support::TempDir dir;
    auto sim = startSim(simOptions());
    base::ManualClock clock;
    auto store = openStore(dir, clock);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    auto uplink = makeSimUplink(sim->baseUrl());
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(drain(loop, *store, clock));

    auto cases = queryCases(*uplink, "resident", "51070319520308002X");
    ASSERT_TRUE(cases) << cases.error().describe();
    ASSERT_EQ(cases->size(), 1u);
    EXPECT_EQ(cases->front().caseNo, sim->snapshot().cases.front().caseNo);
    EXPECT_EQ(cases->front().status, "received");
    EXPECT_TRUE(queryCases(*uplink, "resident", "110101199003077777")->empty());

    auto document =
        fetchDocument(*uplink, "11510703060000000X400000079", "resident", "51070319520308002X");
    ASSERT_TRUE(document) << document.error().describe();
    ASSERT_TRUE(document->has_value());
    EXPECT_EQ((*document)->pdf.substr(0, 5), "%PDF-");
    EXPECT_FALSE((*document)->documentId.empty());
    auto nothing =
        fetchDocument(*uplink, "11510703060000000X400000079", "resident", "110101199003077777");
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(nothing->has_value());

    // The link down: an error saying so, and no ID number in it.
    sim.reset();
    auto offline = queryCases(*uplink, "resident", "51070319520308002X");
    ASSERT_FALSE(offline);
    EXPECT_EQ(offline.error().code, make_error_code(UplinkErrc::link));
    EXPECT_EQ(offline.error().message.find("51070319520308002X"), std::string::npos);
}
