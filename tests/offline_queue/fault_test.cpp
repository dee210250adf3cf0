// SPDX-License-Identifier: Apache-2.0
// Power cuts, for real: a forked kiosk process (writer, uploader, or both at once) is killed with
// SIGKILL at a random moment, again and again, while platform-sim loses some answers; then the
// store is reopened, drained, and checked against platform-sim's own record: every committed
// case accepted exactly once, nothing accepted that the store does not hold, no conflicts.
//
// KIOSK_FAULT_KILLS sets the number of kill points (ctest: a sample in CI, 1,000 under the
// label "long"); KIOSK_FAULT_SEED makes a run repeatable (the seed is printed).
#include "tests/offline_queue/queue_fixture.h"

#include <csignal>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace queue_test;

namespace {

int envInt(const char* name, int fallback)
{
    const char* value = std::getenv(name);
    return value ? std::atoi(value) : fallback;
}

enum class Role { WriterAndUploader, Uploader, Writer };

/// The child: a kiosk process doing its work until it is killed. Reports each committed case
/// on `report` (one submission id per line). Never returns.
[[noreturn]] void runKiosk(const std::filesystem::path& db, const std::string& url, Role role,
                           int report)
{
    auto store = Store::open(db);
    if (!store)
        _exit(2);
    auto uplink = makeSimUplink(url);
    base::SystemClock clock;
    SyncOptions options;
    options.backoffBase = 1ms;
    options.backoffCap = 5ms;
    options.idlePoll = 5ms;
    options.probeInterval = 5ms;
    SyncLoop loop(**store, *uplink, clock, options);
    if (role == Role::WriterAndUploader)
        loop.start();
    for (int i = 0;; ++i) {
        if (role != Role::Uploader) {
            auto ref = (*store)->enqueueCase(sampleCase(i % 3));
            if (!ref)
                _exit(3);
            if (i % 2 == 0 && !(*store)->enqueueEvaluation({ref->submissionId, sampleRating(5)}))
                _exit(4);
            const std::string line = ref->submissionId + "\n";
            if (write(report, line.data(), line.size()) < 0)
                _exit(5);
            loop.notify();
        }
        if (role == Role::Uploader && !loop.runPass())
            _exit(6);
    }
}

std::set<std::string> readLines(int fd)
{
    std::set<std::string> lines;
    std::string buffer;
    char chunk[4096];
    for (ssize_t n; (n = read(fd, chunk, sizeof chunk)) > 0;)
        buffer.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t start = 0, end; (end = buffer.find('\n', start)) != std::string::npos;
         start = end + 1)
        lines.insert(buffer.substr(start, end - start));
    return lines;
}

} // namespace

TEST(Faults, KilledAtRandomPointsNothingIsLostAndNothingDeliveredTwice)
{
    const int kills = envInt("KIOSK_FAULT_KILLS", 40);
    const auto seed = static_cast<unsigned>(envInt("KIOSK_FAULT_SEED", std::random_device{}()));
    std::cout << "kill points: " << kills << ", seed: " << seed << "\n";
    std::mt19937 random(seed);

    test_support::TempDir dir;
    const auto db = dir / "queue.db";
    auto sim = platform_sim::Server::start(simOptions());
    ASSERT_TRUE(sim) << sim.error().describe();
    std::set<std::string> committed;
    std::map<int, int> signalled;

    for (int i = 0; i < kills; ++i) {
        if (i % 4 == 0) {
            // Some answers are lost after the platform processed the request.
            platform_sim::Faults faults;
            faults.dropNext = static_cast<int>(random() % 4);
            ASSERT_TRUE((*sim)->setFaults(faults));
        }
        int pipeFds[2];
        ASSERT_EQ(pipe(pipeFds), 0);
        const auto role = static_cast<Role>(i % 3);
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            close(pipeFds[0]);
            runKiosk(db, (*sim)->baseUrl(), role, pipeFds[1]);
        }
        close(pipeFds[1]);
        std::this_thread::sleep_for(std::chrono::microseconds(2000 + random() % 40000));
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        ++signalled[WIFSIGNALED(status) ? WTERMSIG(status) : -WEXITSTATUS(status)];
        committed.merge(readLines(pipeFds[0]));
        close(pipeFds[0]);
    }
    // Every child died by SIGKILL: none gave up with an error of its own.
    EXPECT_EQ(signalled[SIGKILL], kills) << "children that exited by themselves";

    // Reopen after the last crash and deliver the rest, with no faults.
    ASSERT_TRUE((*sim)->setFaults({}));
    // The children ran on the real clock and stamped their retries with it; the drain runs on
    // a ManualClock that starts there and jumps to each next attempt instead of sleeping.
    base::ManualClock clock(std::chrono::system_clock::now());
    StoreOptions storeOptions;
    storeOptions.clock = &clock;
    auto store = Store::open(db, storeOptions);
    ASSERT_TRUE(store) << store.error().describe();
    auto uplink = makeSimUplink((*sim)->baseUrl());
    SyncOptions options;
    options.backoffBase = 1ms;
    options.backoffCap = 5ms;
    SyncLoop loop(**store, *uplink, clock, options);
    ASSERT_TRUE(loop.probe()); // records that waited for the link are due now
    ASSERT_TRUE(drain(loop, **store, clock, 2000));

    const auto records = (*store)->list();
    ASSERT_TRUE(records);
    const auto snapshot = (*sim)->snapshot();
    std::map<std::string, int> acceptedCases;
    std::map<std::string, int> acceptedEvaluations;
    for (const auto& c : snapshot.cases)
        ++acceptedCases[c.submissionId];
    for (const auto& e : snapshot.evaluations)
        ++acceptedEvaluations[e.evaluationId];
    std::set<std::string> storedCases;
    std::size_t storedEvaluations = 0;
    for (const auto& record : *records) {
        EXPECT_EQ(record.state, RecordState::Delivered)
            << toString(record.kind) << " " << record.id << ": " << record.lastError;
        if (record.kind == RecordKind::Case) {
            storedCases.insert(record.submissionId);
            EXPECT_EQ(acceptedCases[record.submissionId], 1) << "case " << record.submissionId;
        } else if (record.kind == RecordKind::Evaluation) {
            ++storedEvaluations;
            EXPECT_EQ(acceptedEvaluations[record.idempotencyKey], 1);
        }
    }
    for (const auto& id : committed)
        EXPECT_TRUE(storedCases.contains(id)) << "committed case " << id << " was lost";
    EXPECT_EQ(snapshot.cases.size(), storedCases.size()) << "accepted a case the store lacks";
    EXPECT_EQ(snapshot.evaluations.size(), storedEvaluations);
    EXPECT_EQ(snapshot.counters.conflicts, 0u);
    std::cout << "committed " << committed.size() << " reported / " << storedCases.size()
              << " stored cases, " << storedEvaluations << " ratings; platform replays "
              << snapshot.counters.replays << ", dropped answers "
              << snapshot.counters.droppedResponses << "\n";
}
