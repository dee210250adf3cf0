// SPDX-License-Identifier: Apache-2.0
// The uplink's faults for real, against platform-sim: a platform that goes away and comes back
// on the same port, mutual TLS with a wrong CA or an expired certificate, slow answers, 429
// with Retry-After, malformed 2xx bodies, concurrent delivery through dropped responses; and
// the online-only calls (case query, documents). Each ends with nothing lost and nothing
// delivered twice, by platform-sim's own record.
#include "offline_queue/platform_client.h"
#include "tests/offline_queue/queue_fixture.h"
#include "tests/platform_sim/test_certificates.h"

#include <httplib.h>

using namespace queue_test;

namespace {

std::unique_ptr<Store> openStore(const test_support::TempDir& dir)
{
    auto store = Store::open(dir / "queue.db");
    EXPECT_TRUE(store) << store.error().describe();
    return std::move(*store);
}

std::unique_ptr<platform_sim::Server> startSim(platform_sim::Options options)
{
    auto sim = platform_sim::Server::start(std::move(options));
    EXPECT_TRUE(sim) << sim.error().describe();
    return sim ? std::move(*sim) : nullptr;
}

} // namespace

TEST(UplinkFaults, ARecordGoesOutWithinTwoSecondsOfThePlatformReturning)
{
    test_support::TempDir dir;
    auto sim = startSim(simOptions());
    const int port = sim->port();
    const auto url = sim->baseUrl();
    sim.reset(); // the platform goes away
    auto store = openStore(dir);
    auto uplink = makeSimUplink(url);
    base::SystemClock clock;
    SyncOptions options;
    options.backoffBase = 30s; // any backoff would be far longer than the promise
    options.backoffCap = 60s;
    SyncLoop loop(*store, *uplink, clock, options);
    ASSERT_TRUE(store->enqueueCase(sampleCase(1)));
    loop.start();
    loop.notify();
    const auto waitFor = [&](auto done) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (!done() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(10ms);
    };
    waitFor([&] { return loop.linkState() == LinkState::Down; });
    ASSERT_EQ(loop.linkState(), LinkState::Down);
    std::this_thread::sleep_for(1500ms); // a few probes fail while it is away

    sim = startSim(simOptions(port)); // back, on the same port
    ASSERT_TRUE(sim);
    const auto back = std::chrono::steady_clock::now();
    waitFor([&] { return store->counts()->pending == 0; });
    const auto took = std::chrono::steady_clock::now() - back;
    loop.stop();
    EXPECT_EQ(store->counts()->pending, 0);
    EXPECT_LT(took, 2s) << "delivered "
                        << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                        << " ms after the platform returned";
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
    auto store = openStore(dir);
    std::vector<std::string> evaluations;
    for (int i = 0; i < 40; ++i) {
        auto ref = store->enqueueCase(sampleCase(i % 3));
        ASSERT_TRUE(ref);
        evaluations.push_back(*store->enqueueEvaluation({ref->submissionId, sampleRating(5)}));
    }
    auto uplink = makeSimUplink(sim->baseUrl());
    base::SystemClock clock;
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(drain(loop, *store, 30s));
    const auto snapshot = sim->snapshot();
    expectExactlyOnce(*store, snapshot);
    EXPECT_EQ(snapshot.evaluations.size(), 40u);
    EXPECT_EQ(snapshot.counters.droppedResponses, 15u);
    EXPECT_GT(snapshot.counters.replays, 0u);
}

TEST(UplinkFaults, SlowAnswersTimeOutAndTheRetryIsHarmless)
{
    test_support::TempDir dir;
    auto options = simOptions();
    options.faults.latencyMs = 800;
    auto sim = startSim(options);
    auto store = openStore(dir);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    UplinkOptions uplinkOptions;
    uplinkOptions.baseUrl = sim->baseUrl();
    uplinkOptions.kioskId = kioskId;
    uplinkOptions.allowInsecureLoopback = true;
    uplinkOptions.requestTimeout = 200ms;
    auto uplink = std::move(*CurlUplink::create(uplinkOptions));
    base::SystemClock clock;
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(loop.linkState(), LinkState::Down);
    EXPECT_EQ(store->counts()->pending, 1);
    EXPECT_NE(store->list()->front().lastError.find("link:"), std::string::npos);
    std::this_thread::sleep_for(1s); // the platform finished the request nobody waited for
    platform_sim::Faults fast;
    ASSERT_TRUE(sim->setFaults(fast));
    ASSERT_TRUE(loop.probe());
    ASSERT_TRUE(drain(loop, *store));
    expectExactlyOnce(*store, sim->snapshot());
}

TEST(UplinkFaults, TooManyRequestsWaitsForRetryAfter)
{
    test_support::TempDir dir;
    auto options = simOptions();
    options.faults.failNext = 1;
    options.faults.failStatus = 429;
    options.faults.retryAfter = "1";
    auto sim = startSim(options);
    auto store = openStore(dir);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    auto uplink = makeSimUplink(sim->baseUrl());
    base::SystemClock clock;
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(store->list()->front().lastError, "429 injected_fault");
    const auto requests = sim->snapshot().counters.requests;
    ASSERT_TRUE(loop.runPass());
    EXPECT_EQ(sim->snapshot().counters.requests, requests) << "sent before Retry-After";
    std::this_thread::sleep_for(1100ms);
    ASSERT_TRUE(loop.runPass());
    expectExactlyOnce(*store, sim->snapshot());
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
    while (!broken.is_running())
        std::this_thread::sleep_for(1ms);
    test_support::TempDir dir;
    auto store = openStore(dir);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    auto uplink = makeSimUplink("http://127.0.0.1:" + std::to_string(port));
    base::SystemClock clock;
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
    auto store = openStore(dir_);
    ASSERT_TRUE(store->enqueueCase(sampleCase(1)));
    base::SystemClock clock;
    for (const bool expired : {false, true}) {
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
    ASSERT_TRUE(drain(loop, *store));
    expectExactlyOnce(*store, sim->snapshot());
}

TEST(PlatformClient, CaseQueryAndDocumentsAreOnlineCalls)
{
    test_support::TempDir dir;
    auto sim = startSim(simOptions());
    auto store = openStore(dir);
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    auto uplink = makeSimUplink(sim->baseUrl());
    base::SystemClock clock;
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    ASSERT_TRUE(drain(loop, *store));

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
