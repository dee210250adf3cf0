// SPDX-License-Identifier: Apache-2.0
// test_support::TabletSim: the tablet side of the review-tablet link protocol
// (../shared/specs/review-tablet.md), written from the spec alone (it shares no code with
// drivers/review_tablet), behind a pty (at a stable symlink, like /dev/serial/by-id/...) or a
// TCP listener on loopback. Scriptable: the citizen rates (with or without reasons), walks
// away; the tablet answers no pongs, sends garbage, floods, answers for another request,
// is a four-key evaluator, vanishes mid-rating.
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace test_support {

struct TabletSimOptions {
    std::string model = "SimTablet RT-5";
    std::string firmware = "1.0.0";
    std::string keys = "touch"; ///< "touch", "4" or "5" (sent as a number)
    bool answerPings = true;
    bool helloOnConnect = true;
    /// When set, every show is answered at once with this level (and `autoReasons`).
    std::optional<int> autoLevel;
    std::vector<std::string> autoReasons;
};

class TabletSim {
public:
    /// A tablet on a new pty, reachable at `link` (a symlink to the pty).
    static std::unique_ptr<TabletSim> onPty(std::filesystem::path link,
                                            TabletSimOptions options = {});
    /// A tablet listening on 127.0.0.1:`port` (0: any free port).
    static std::unique_ptr<TabletSim> onTcp(std::uint16_t port = 0, TabletSimOptions options = {});
    TabletSim(const TabletSim&) = delete;
    TabletSim& operator=(const TabletSim&) = delete;
    ~TabletSim();

    /// The kiosk's device spec for it: "serial:<link>" or "tcp:127.0.0.1:<port>".
    [[nodiscard]] std::string spec() const;
    /// A kiosk is connected (TCP) or has the port open (pty), and was said hello to.
    [[nodiscard]] bool connected() const;

    // --- The citizen ---
    /// Rates the request on screen; false when none is shown.
    bool rate(int level, std::vector<std::string> reasons = {}, std::string comment = {});
    /// Sends a rating for any request id (for another request: a stale answer).
    void rateFor(const std::string& requestId, int level, std::vector<std::string> reasons = {});
    /// The prompt timed out on the tablet; false when none is shown.
    bool timeOut();

    // --- The tablet ---
    void sendError(const std::string& code);
    void sendHello(const std::string& keys);
    void sendPing(std::int64_t seq);
    /// Bytes as they are (garbage, half lines, over-long lines).
    void sendRaw(const std::string& bytes);
    /// The same line `count` times (a '\n' is added to each).
    void flood(std::size_t count, const std::string& line);
    void setAnswerPings(bool answer);
    void setAutoRate(std::optional<int> level, std::vector<std::string> reasons = {});

    // --- The link ---
    /// Pty: the pty closes and the symlink goes (USB unplugged). TCP: the connection closes
    /// and the tablet stops listening (powered off).
    void unplug();
    /// Pty: a new pty behind the same symlink. TCP: listening again on the same port.
    void plug();
    /// TCP only: closes the kiosk's connection but keeps listening (a network glitch).
    void dropConnection();

    // --- What the kiosk sent ---
    /// Every line received, parsed; a line that is not JSON is {"unparsed": "<line>"}.
    [[nodiscard]] std::vector<nlohmann::json> received() const;
    /// The show on screen: neither answered, timed out nor cancelled.
    [[nodiscard]] std::optional<nlohmann::json> shown() const;
    /// How many lines of `type` (and `code`, for errors) came.
    [[nodiscard]] std::size_t count(const std::string& type, const std::string& code = {}) const;
    /// Waits (real time, a failure bound) until `done` holds.
    bool waitFor(const std::function<bool()>& done,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
    bool waitForShown(std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

private:
    TabletSim(TabletSimOptions options);
    void openPty();
    void listen();
    void run();
    void serviceOnce();
    void accept();
    void readLines();
    void handle(const std::string& line);
    void write(const std::string& line); ///< call with mutex_ held
    void closeConnection();              ///< call with mutex_ held
    void hello();                        ///< call with mutex_ held
    void awaitConnection() const;        ///< waits (a bound) until a kiosk is connected
    /// Pty: notices the kiosk opening (hello) and closing the port; true while it is closed.
    bool watchAttachment(bool hungUp);

    TabletSimOptions options_;
    bool tcp_ = false;
    std::filesystem::path link_;
    std::uint16_t port_ = 0;

    mutable std::mutex mutex_; ///< guards everything below and every descriptor operation
    int listener_ = -1;
    int connection_ = -1;   ///< TCP connection or pty controller
    bool attached_ = false; ///< pty: the kiosk has the port open (and was said hello to)
    std::string partial_;
    std::vector<nlohmann::json> received_;
    std::optional<nlohmann::json> shown_;

    std::atomic<bool> running_{true};
    std::thread thread_;
};

} // namespace test_support
