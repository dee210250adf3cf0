// SPDX-License-Identifier: Apache-2.0
// processEventsUntil: pollUntil for the GUI thread of a Qt test, which has to keep running its
// event loop while it waits (queued calls from workers arrive through it).
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>

namespace test_support {

/// Runs the calling thread's event loop until `done()` holds or 10 s pass; returns done().
template <class Done> bool processEventsUntil(Done&& done)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < 10'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

} // namespace test_support
