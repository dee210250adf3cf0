// SPDX-License-Identifier: Apache-2.0
// kiosk --demo-walk DIR: the kiosk walks one application by itself, as a citizen would, so a
// newcomer sees the real journey on screen (scripts/demo --demo-walk): an item chosen on the
// home screen, its guide, the ID card read by the reader (the simulator's card, or typed when
// no card comes), the form filled, confirmed, the receipt, a rating, the thanks screen. It
// only taps what a citizen taps (the session view-model's actions), so everything behind is
// the real kiosk: the queue, the uplink to the platform, the devices. Each screen is saved as
// DIR/NN-<screen>.png; the walk prints a line per step and ends the program (0: completed).
//
// On cue (kiosk --demo-walk DIR --demo-walk-on-cue), for tests that look at the kiosk between
// applications (demo.walk, issue 19 part 2): the walk waits at home for a line on stdin and
// stays up after each application. The cues: "apply" (one whole application), "apply hold"
// (one that stops on the confirmation screen until "continue"), "quit" (or the end of stdin;
// exit 0 at home after an application, 1 anywhere else).
// It says "demo walk: waiting for a cue" whenever it waits for one.
#pragma once

#include "kiosk/core/catalog_snapshot.h"
#include "qml/session_view_model.h"

#include <QDir>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <chrono>
#include <memory>

class QQuickWindow;

namespace kiosk::app {

struct DemoWalkOptions {
    QDir shots;                                 ///< where each screen's picture goes
    std::chrono::milliseconds pace{1500};       ///< how long each screen shows before the tap
    std::chrono::milliseconds cardWait{8000};   ///< then the identity is typed instead
    std::chrono::milliseconds stepLimit{30000}; ///< a screen that does not come: the walk fails
    bool onCue = false; ///< applications on cues from stdin (above), not one by itself
};

class DemoWalk : public QObject {
    Q_OBJECT

public:
    /// The walk applies for the first item of `catalog` a citizen can apply for at the kiosk.
    DemoWalk(ui::SessionViewModel& session, QQuickWindow& window,
             std::shared_ptr<const core::CatalogSnapshot> catalog, DemoWalkOptions options);

    /// Starts from the home screen; the program exits when the walk ends.
    void start();

private:
    void onChanged();
    /// The screen now shown has had its time: take its picture, then tap what a citizen taps.
    void act();
    void fillForm();
    void photographMaterials();
    /// Saves the screen as DIR/NN-<screen>.png, once per visit.
    void takePicture(const QString& screen);
    /// True while the submitted screen should stay: the receipt printing, the case number
    /// on its way.
    bool waitOnSubmitted();
    void finish(bool completed, const QString& why);
    /// Back home after an application: the end of the walk, or the wait for the next cue.
    void applicationDone();
    void awaitCue(const char* what);
    void readCues(); ///< what stdin has (only when it has something: never blocks)
    void takeCues(); ///< the next whole line, while a cue is awaited
    void onCue(const QString& cue);

    ui::SessionViewModel& session_;
    QQuickWindow& window_;
    std::shared_ptr<const core::CatalogSnapshot> catalog_;
    DemoWalkOptions options_;
    QString itemCode_;
    QString shown_; ///< the screen whose step is pending
    int shots_ = 0;
    bool typed_ = false; ///< the identity was typed (no card came)
    bool rated_ = false;
    int waitsForCaseNo_ = 0;
    int waitsForTablet_ = 0;
    QString pictured_; ///< the screen of this visit whose picture is saved
    QString caseNo_;   ///< the platform's, when it came during the walk
    QTimer pace_;
    QTimer limit_;
    bool applying_ = false;      ///< an application is under way (or asked for)
    bool holdOnConfirm_ = false; ///< this application waits on the confirmation screen
    bool awaitingCue_ = false;
    int applications_ = 0; ///< completed
    QByteArray cueInput_;  ///< stdin read so far, up to the next line's end
    QSocketNotifier* cues_ = nullptr;
};

} // namespace kiosk::app
