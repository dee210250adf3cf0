// SPDX-License-Identifier: Apache-2.0
// The GUI-thread stall probe of the Qt benchmarks (gui_stall_bench, journey_stall_bench): a
// 1 ms timer on the GUI thread, whose longest gap between two ticks is the longest stall; the
// longest frame; and runUntil(), which runs the event loop until something is shown.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QQuickWindow>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <functional>

namespace bench {

/// What one measurement found, in ms.
struct Stall {
    double worstGap = 0; ///< the longest gap between two ticks of the 1 ms timer
    /// The same, split: while kioskctl installs (another process, the same in both paths),
    /// and after it exited (the kiosk's own part: notice, read, verify, prepare, switch, draw).
    double worstGapInstalling = 0;
    double worstGapKiosk = 0;
    double worstFrame = 0; ///< the longest frame: polish, sync and render (GUI thread offscreen)
    /// The longest gap less the frames drawn inside it: the GUI thread's own work (handlers,
    /// bindings, creating screens), which a GPU's render thread would not take off it.
    double worstGapOutsideFrames = 0;
    double worstSwitch = 0; ///< the longest catalog switch call (holder swap + model resets)
    /// The most CPU time the GUI thread spent between two ticks: its own work, with neither
    /// the time it waited (for a render thread, a vsync) nor the time other processes on this
    /// shared machine took its core counted. Wall-clock gaps above include both.
    double worstBusy = 0;
};

/// The longest gap between ticks of a 1 ms timer on the GUI thread since reset(), and for the
/// breakdown the longest frame and the longest switch. The offscreen platform renders on the
/// GUI thread, so a frame's time is inside the gaps too.
class StallProbe {
public:
    StallProbe()
    {
        ticker_.setTimerType(Qt::PreciseTimer);
        QObject::connect(&ticker_, &QTimer::timeout, [this] { tick(); });
        ticker_.start(1);
        clock_.start();
    }
    void watchFrames(QQuickWindow& window)
    {
        QObject::connect(&window, &QQuickWindow::afterAnimating, &ticker_,
                         [this] { frameStart_ = clock_.nsecsElapsed(); });
        QObject::connect(&window, &QQuickWindow::frameSwapped, &ticker_, [this] {
            const double frame = since(frameStart_);
            worst_.worstFrame = std::max(worst_.worstFrame, frame);
            framesInGap_ += frame;
        });
    }
    void switchBegins() { switchStart_ = clock_.nsecsElapsed(); }
    void switchEnded() { worst_.worstSwitch = std::max(worst_.worstSwitch, since(switchStart_)); }
    void reset()
    {
        last_ = clock_.nsecsElapsed();
        lastCpu_ = threadCpuNs();
        worst_ = {};
        installing_ = false;
        framesInGap_ = 0;
    }
    void installing(bool on) { installing_ = on; }
    [[nodiscard]] Stall worst() const { return worst_; }

private:
    double since(qint64 start) const
    {
        return static_cast<double>(clock_.nsecsElapsed() - start) / 1e6;
    }
    void tick()
    {
        const auto gap = since(last_);
        worst_.worstGap = std::max(worst_.worstGap, gap);
        auto& phase = installing_ ? worst_.worstGapInstalling : worst_.worstGapKiosk;
        phase = std::max(phase, gap);
        worst_.worstGapOutsideFrames = std::max(worst_.worstGapOutsideFrames, gap - framesInGap_);
        framesInGap_ = 0;
        last_ = clock_.nsecsElapsed();
        const auto cpu = threadCpuNs();
        worst_.worstBusy = std::max(worst_.worstBusy, static_cast<double>(cpu - lastCpu_) / 1e6);
        lastCpu_ = cpu;
    }
    /// CPU time of the calling thread (the GUI thread: the probe's timer runs there).
    static qint64 threadCpuNs()
    {
        timespec now{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return static_cast<qint64>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    }
    QTimer ticker_;
    QElapsedTimer clock_;
    qint64 last_ = 0;
    qint64 lastCpu_ = 0;
    qint64 frameStart_ = 0;
    qint64 switchStart_ = 0;
    bool installing_ = false;
    double framesInGap_ = 0; ///< ms of frames drawn since the last tick
    Stall worst_;
};

/// Runs the GUI thread's event loop until `done` (or 120 s), then `settle` ms more, so the
/// frame drawn after a switch is measured too. Returns false on timeout. A real QEventLoop, as
/// the kiosk's: processEvents() alone never runs deleteLater(), so screens replaced during the
/// measurement would stay alive and keep answering the session's signals.
inline bool runUntil(const std::function<bool()>& done, int settleMs)
{
    QEventLoop loop;
    QTimer check;
    QElapsedTimer timer;
    bool settling = false;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (!settling && (done() || timer.elapsed() >= 120'000)) {
            settling = true;
            timer.restart();
        }
        if (settling && timer.elapsed() >= settleMs)
            loop.quit();
    });
    timer.start();
    check.start(1);
    loop.exec();
    return done();
}

} // namespace bench
