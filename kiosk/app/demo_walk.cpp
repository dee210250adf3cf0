// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/demo_walk.h"

#include "base/log.h"
#include "kiosk/core/journey.h"

#include <QCoreApplication>
#include <QImage>
#include <QQmlEngine>
#include <QQuickWindow>

#include <cerrno>
#include <iostream>

#include <unistd.h>

namespace kiosk::app {

namespace {

constexpr auto demoWalkLog = "demo-walk";

/// A demo citizen who types their identity (no card came): a valid ID number from the
/// standard's example, never a real person's.
constexpr auto typedName = "张演示";
constexpr auto typedIdNumber = "11010519491231002X";

/// What the demo citizen types into a field of `type` that the card did not fill.
QString demoValue(const QString& type, const QStringList& options)
{
    if (type == "phone")
        return "13800000000";
    if (type == "date")
        return "2026-12-01";
    if (type == "choice")
        return options.value(0);
    if (type == "idnumber")
        return typedIdNumber;
    if (type == "address")
        return "四川省绵阳市涪城区演示路1号";
    return "演示";
}

QString firstApplicableItem(const core::CatalogSnapshot& snapshot)
{
    for (const auto& item : snapshot.catalog().items)
        if (item.enabled && core::canApplyAtKiosk(item))
            return QString::fromStdString(item.code);
    return {};
}

} // namespace

DemoWalk::DemoWalk(ui::SessionViewModel& session, QQuickWindow& window,
                   std::shared_ptr<const core::CatalogSnapshot> catalog, DemoWalkOptions options)
    : session_(session), window_(window), catalog_(std::move(catalog)), options_(std::move(options))
{
    pace_.setSingleShot(true);
    limit_.setSingleShot(true);
    connect(&pace_, &QTimer::timeout, this, &DemoWalk::act);
    connect(&limit_, &QTimer::timeout, this, [this] {
        finish(false, "screen \"" + session_.screen() + "\" did not move on in time");
    });
    connect(&session_, &ui::SessionViewModel::changed, this, &DemoWalk::onChanged);
}

void DemoWalk::start()
{
    itemCode_ = catalog_ ? firstApplicableItem(*catalog_) : QString();
    if (itemCode_.isEmpty()) {
        finish(false, "the catalog has no item a citizen can apply for at the kiosk");
        return;
    }
    if (!options_.shots.mkpath(".")) {
        finish(false, "cannot create " + options_.shots.path());
        return;
    }
    for (const auto& old : options_.shots.entryList({"[0-9][0-9]-*.png"}, QDir::Files))
        options_.shots.remove(old); // a walk before this one's

    std::cout << "demo walk: applying for " << itemCode_.toStdString() << "; pictures in "
              << options_.shots.path().toStdString() << std::endl;
    applying_ = !options_.onCue;
    if (options_.onCue) {
        std::cout << "demo walk: on cue from stdin (pid " << QCoreApplication::applicationPid()
                  << ")" << std::endl;
        cues_ = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(cues_, &QSocketNotifier::activated, this, &DemoWalk::readCues);
    }
    session_.end(); // from the home screen, whatever was shown
    onChanged();
}

void DemoWalk::onChanged()
{
    const auto screen = session_.screen();
    if (screen == shown_)
        return;
    shown_ = screen;
    pictured_.clear();
    if (screen == "finished" && session_.ratingPlace() != "none")
        rated_ = true; // rated on the tablet
    limit_.start(options_.stepLimit);
    // On the identify screen the card comes by itself (the reader); the walk types the
    // identity only if none came in cardWait.
    pace_.start(screen == "identify" ? options_.cardWait : options_.pace);
}

void DemoWalk::act()
{
    const auto screen = session_.screen();
    if (screen == "submitted" && waitOnSubmitted()) {
        pace_.start(options_.pace); // one picture, once the receipt and the number are there
        return;
    }
    takePicture(screen);
    if (screen == "rating" && session_.ratingPlace() == "tablet" && ++waitsForTablet_ <= 6) {
        pace_.start(options_.pace); // the citizen rates on the review tablet (its simulator)
        return;
    }
    if (screen == "home" && rated_)
        applicationDone();
    else if (screen == "home" && !applying_)
        awaitCue("apply, apply hold or quit");
    else if (screen == "home")
        session_.chooseItem(itemCode_);
    else if (screen == "guide")
        session_.startApplying();
    else if (screen == "identify") {
        typed_ = true;
        session_.enterManually();
    } else if (screen == "manual_identity")
        session_.identifyManually(typedName, typedIdNumber);
    else if (screen == "form")
        fillForm();
    else if (screen == "materials")
        photographMaterials();
    else if (screen == "confirm" && holdOnConfirm_)
        awaitCue("continue");
    else if (screen == "confirm")
        session_.confirm();
    else if (screen == "submitted") {
        caseNo_ = session_.caseNo();
        session_.toRating();
    } else if (screen == "rating") {
        rated_ = true;
        session_.rate(5, {}); // no tablet, or it did not answer: on the screen
    } else if (screen == "finished")
        session_.end();
    else
        finish(false, "the walk does not know the screen \"" + screen + "\"");
}

void DemoWalk::takePicture(const QString& screen)
{
    if (screen == pictured_)
        return; // this visit of the screen has its picture
    pictured_ = screen;
    const auto picture = options_.shots.filePath(
        QStringLiteral("%1-%2.png").arg(++shots_, 2, 10, QLatin1Char('0')).arg(screen));
    window_.grabWindow().save(picture);
    std::cout << "demo walk: " << screen.toStdString() << " -> " << picture.toStdString()
              << std::endl;
}

bool DemoWalk::waitOnSubmitted()
{
    // The receipt is still coming out, or the platform has not given the case its number yet
    // (the uplink delivers it in the background; a few paces at most, then the walk goes on
    // with the local reference, as a citizen would while the line is down).
    if (session_.receiptState() == "printing")
        return true;
    return session_.caseNo().isEmpty() && ++waitsForCaseNo_ <= 4;
}

void DemoWalk::photographMaterials()
{
    // One material per pace: photograph it (the still comes back from the camera's worker),
    // then the next; 完成 once every one is photographed or settled.
    auto* materials = session_.materials();
    if (materials->complete() && !materials->hasNext())
        materials->finish();
    else if (materials->currentStatus() == "pending")
        materials->capture();
    else if (materials->hasNext())
        materials->next();
    else
        materials->finish();
    if (session_.screen() == "materials")
        pace_.start(options_.pace);
}

void DemoWalk::fillForm()
{
    const auto values = session_.values();
    for (const auto& row : session_.fields()) {
        const auto field = row.toMap();
        if (field["locked"].toBool() || !values.value(field["id"].toString()).toString().isEmpty())
            continue;
        session_.setField(field["id"].toString(),
                          demoValue(field["type"].toString(), field["options"].toStringList()));
    }
    session_.completeForm();
    if (session_.screen() == "form")
        finish(false, "the form was refused: " + session_.message());
}

void DemoWalk::applicationDone()
{
    ++applications_;
    if (!options_.onCue) {
        finish(true, {});
        return;
    }
    std::cout << "demo walk: application " << applications_ << " completed: identity "
              << (typed_ ? "typed" : "from the card") << ", case "
              << (caseNo_.isEmpty() ? "queued (not yet delivered)" : caseNo_.toStdString())
              << std::endl;
    applying_ = rated_ = typed_ = false;
    waitsForCaseNo_ = waitsForTablet_ = 0;
    caseNo_.clear();
    // Idle at home as after Main.qml's collection (250 ms after home): done here and now, so
    // a test that looks at the process on this cue does not race that timer.
    if (auto* engine = qmlEngine(&window_))
        engine->collectGarbage();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    awaitCue("apply, apply hold or quit");
}

void DemoWalk::awaitCue(const char* what)
{
    pace_.stop();
    limit_.stop(); // a cue takes as long as the test needs
    awaitingCue_ = true;
    std::cout << "demo walk: waiting for a cue (" << what << ") on "
              << session_.screen().toStdString() << std::endl;
    takeCues(); // one may have come already
}

void DemoWalk::readCues()
{
    char chunk[256];
    const auto got = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (got > 0)
        cueInput_.append(chunk, got);
    else if ((got == 0 || (errno != EINTR && errno != EAGAIN)) && cues_ != nullptr) {
        cues_->setEnabled(false); // the end of stdin (or it broke): nothing more comes
        cueInput_.append("\nquit\n");
    }
    takeCues();
}

void DemoWalk::takeCues()
{
    while (awaitingCue_ && cueInput_.contains('\n')) {
        const auto end = cueInput_.indexOf('\n');
        const auto cue = QString::fromUtf8(cueInput_.left(end)).trimmed();
        cueInput_.remove(0, end + 1);
        if (!cue.isEmpty())
            onCue(cue);
    }
}

void DemoWalk::onCue(const QString& cue)
{
    const auto screen = session_.screen();
    awaitingCue_ = false;
    limit_.start(options_.stepLimit);
    if (screen == "home" && (cue == "apply" || cue == "apply hold")) {
        applying_ = true;
        holdOnConfirm_ = cue == "apply hold";
        session_.chooseItem(itemCode_);
    } else if (screen == "confirm" && cue == "continue") {
        holdOnConfirm_ = false;
        session_.confirm();
    } else if (cue == "quit") // in the middle of an application: the walk failed
        finish(screen == "home" && applications_ > 0, "quit on the screen \"" + screen + "\"");
    else {
        std::cout << "demo walk: the cue \"" << cue.toStdString() << "\" does not fit the screen "
                  << screen.toStdString() << std::endl;
        awaitCue(screen == "home" ? "apply, apply hold or quit" : "continue");
    }
}

void DemoWalk::finish(bool completed, const QString& why)
{
    pace_.stop();
    limit_.stop();
    if (completed && options_.onCue) {
        std::cout << "demo walk: completed: " << applications_ << " applications, " << shots_
                  << " screens" << std::endl;
    } else if (completed) {
        std::cout << "demo walk: completed: " << shots_ << " screens, identity "
                  << (typed_ ? "typed" : "from the card") << ", case "
                  << (caseNo_.isEmpty() ? "queued (not yet delivered)" : caseNo_.toStdString())
                  << std::endl;
    } else {
        base::log::error(demoWalkLog, "demo walk failed: " + why.toStdString());
        std::cerr << "demo walk: failed: " << why.toStdString() << std::endl;
    }
    QCoreApplication::exit(completed ? 0 : 1);
}

} // namespace kiosk::app
