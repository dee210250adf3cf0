// SPDX-License-Identifier: Apache-2.0
// journey_stall_bench: the longest GUI-thread stalls of a citizen's first two steps (issue 14's
// budget: none over 16 ms), through the kiosk's own pieces: Main.qml offscreen over a real
// Journey and SessionViewModel, and the real SAM card reader driver on a serial line (115200
// 8N1) to the reader simulator on a pty, read by CardWatch as the kiosk does.
//   (a) the tap on 开始办理 until the identify screen is shown and drawn;
//   (b) a card laid on the reader until the prefilled form is shown and drawn.
// Baseline in the same run: the idle home screen for as long. The probe is a 1 ms timer on the
// GUI thread (tests/bench/stall_probe.h): the longest wall-clock gap between its ticks, and the
// most CPU time the GUI thread spent between two (its own work, which other processes on a
// shared machine do not inflate). A benchmark, not a test: it asserts no time.
//
//   journey_stall_bench [--rounds R] [--size WxH]
#include "base/clock.h"
#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/card_reader/serial/serial_link.h"
#include "drivers/fake/fake_card_reader.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/journey.h"
#include "kiosk/core/read_watch.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"
#include "qml/session_view_model.h"
#include "tests/bench/stall_probe.h"
#include "tests/support/idcard_sim/pty_reader_sim.h"
#include "tests/support/shipped_catalog.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Options {
    int rounds = 5;
    int width = 1080;
    int height = 1920;
};

[[noreturn]] void usage(const std::string& problem)
{
    std::cerr << "journey_stall_bench: " << problem
              << "\nusage: journey_stall_bench [--rounds R] [--size WxH]\n";
    std::exit(2);
}

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            usage("missing value or unknown option: " + arg);
        const std::string value = argv[++i];
        if (arg == "--rounds")
            options.rounds = std::max(1, std::atoi(value.c_str()));
        else if (arg == "--size" &&
                 std::sscanf(value.c_str(), "%dx%d", &options.width, &options.height) == 2)
            continue;
        else
            usage("unknown option or bad value: " + arg + " " + value);
    }
    return options;
}

class Bench {
public:
    explicit Bench(const Options& options)
        : options_(options),
          dir_(fs::temp_directory_path() / ("kiosk-journey-stall-" + std::to_string(::getpid()))),
          sim_((fs::create_directories(dir_), dir_ / "ttyIDCARD"))
    {
        viewModel_.setCatalog(&catalog_);
        for (const auto* item : catalog_.popular(catalog_.items.size()))
            if (kiosk::core::canApplyAtKiosk(*item)) {
                item_ = item->code;
                break;
            }
        const std::string path = sim_.path();
        drivers::card_reader::SamReaderOptions readerOptions;
        reader_ = std::make_shared<drivers::card_reader::SamCardReader>(
            "serial", [path] { return drivers::card_reader::SerialLink::open(path); },
            readerOptions);
        if (!reader_->open()) {
            std::cerr << "the card reader driver did not open the simulator\n";
            std::exit(1);
        }
        cards_ = std::make_unique<kiosk::core::CardWatch>(reader_, base::systemClock());
        cardRead_ = cards_->itemRead.connect(
            [this](const hal::CardData& card) { session_.deliverCard(card); });
    }
    ~Bench()
    {
        cards_.reset();
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    Bench(const Bench&) = delete;
    Bench& operator=(const Bench&) = delete;

    bool show()
    {
        engine_.addImportPath("qrc:/qt/qml");
        engine_.setInitialProperties({{"catalog", QVariant::fromValue(&viewModel_)},
                                      {"session", QVariant::fromValue(&session_)}});
        engine_.load(QUrl(QStringLiteral("qrc:/qt/qml/Kiosk/Ui/Main.qml")));
        window_ = engine_.rootObjects().isEmpty()
                      ? nullptr
                      : qobject_cast<QQuickWindow*>(engine_.rootObjects().first());
        if (window_ == nullptr || item_.empty())
            return false;
        window_->resize(options_.width, options_.height);
        window_->show();
        probe_.watchFrames(*window_);
        return bench::runUntil([] { return true; }, 1000);
    }

    /// The home screen with nothing to do, as long as a step takes.
    bench::Stall idle()
    {
        probe_.reset();
        bench::runUntil([] { return true; }, 1500);
        return probe_.worst();
    }

    /// (a) On the guide, the tap on 开始办理 until the identify screen is on screen.
    bench::Stall startToIdentify()
    {
        session_.chooseItem(QString::fromStdString(item_));
        bench::runUntil([&] { return shown("guideScreen"); }, 300);
        probe_.reset();
        session_.startApplying();
        if (!bench::runUntil([&] { return shown("identifyScreen"); }, 300))
            std::cerr << "the identify screen did not show\n";
        return probe_.worst();
    }

    /// (b) A card laid on the simulated reader until the prefilled form is on screen.
    bench::Stall cardToForm()
    {
        cards_->setWatching(true);
        probe_.reset();
        sim_.device().present(drivers::fake::sampleCards().front());
        if (!bench::runUntil([&] { return shown("formScreen"); }, 300))
            std::cerr << "the form did not show\n";
        const auto stall = probe_.worst();
        cards_->setWatching(false);
        sim_.device().remove();
        session_.end();
        bench::runUntil([&] { return shown("homeScreen"); }, 300);
        return stall;
    }

private:
    bool shown(const char* screen) const
    {
        auto* stack = window_->property("stack").value<QObject*>();
        auto* current = stack ? stack->property("currentItem").value<QObject*>() : nullptr;
        return current != nullptr && current->objectName() == QLatin1String(screen) &&
               !stack->property("busy").toBool();
    }

    Options options_;
    bench::StallProbe probe_;
    fs::path dir_;
    test_support::PtyReaderSimulator sim_;
    kiosk::core::Catalog catalog_ = test_support::shippedCatalog();
    std::string item_;
    kiosk::ui::CatalogViewModel viewModel_;
    kiosk::core::Journey journey_{base::systemClock(), {}, [](std::function<void()> task) {
                                      QMetaObject::invokeMethod(qApp, std::move(task),
                                                                Qt::QueuedConnection);
                                  }};
    kiosk::ui::SessionViewModel session_{journey_, viewModel_};
    std::shared_ptr<drivers::card_reader::SamCardReader> reader_;
    std::unique_ptr<kiosk::core::CardWatch> cards_;
    base::Connection cardRead_;
    QQmlApplicationEngine engine_;
    QQuickWindow* window_ = nullptr;
};

std::string figures(std::vector<double> values)
{
    std::ostringstream out;
    out.precision(1);
    out << std::fixed;
    std::sort(values.begin(), values.end());
    out << "median " << values[values.size() / 2] << ", worst " << values.back();
    return out.str();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void report(const char* what, const std::vector<bench::Stall>& rounds, double baseline)
{
    std::vector<double> gaps;
    std::vector<double> frames;
    std::vector<double> outside;
    std::vector<double> busy;
    for (const auto& round : rounds) {
        busy.push_back(round.worstBusy);
        gaps.push_back(round.worstGap);
        frames.push_back(round.worstFrame);
        outside.push_back(round.worstGapOutsideFrames);
    }
    std::cout << "  " << what << "\n    longest GUI-thread stall, ms: " << figures(gaps);
    if (baseline > 0)
        std::cout << " (" << std::fixed << std::setprecision(2) << median(gaps) / baseline
                  << "x the idle screen)";
    std::cout << "\n    longest frame, ms:            " << figures(frames)
              << "\n    longest stall outside frames: " << figures(outside)
              << "\n    longest GUI-thread CPU stretch: " << figures(busy) << "\n";
}

} // namespace

int main(int argc, char** argv)
{
    const auto options = parse(argc, argv);
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    (void)kiosk::ui::useChineseFont();
    Bench steps(options);
    if (!steps.show()) {
        std::cerr << "cannot load Main.qml or find an application item\n";
        return 1;
    }
    std::vector<bench::Stall> idle;
    std::vector<bench::Stall> start;
    std::vector<bench::Stall> card;
    for (int round = 0; round < options.rounds; ++round) {
        idle.push_back(steps.idle()); // alternating, so drift on a shared machine hits all
        start.push_back(steps.startToIdentify());
        card.push_back(steps.cardToForm());
    }
    std::vector<double> idleGaps;
    for (const auto& round : idle)
        idleGaps.push_back(round.worstGap);
    std::cout << "GUI-thread stalls of the first steps of an application (" << options.width << "x"
              << options.height << ", " << options.rounds << " rounds; budget 16 ms)\n";
    report("baseline: the idle home screen, 1.5 s", idle, 0);
    report("(a) 开始办理 → the identify screen shown", start, median(idleGaps));
    report("(b) a card on the SAM reader (pty, 115200 8N1) → the prefilled form shown", card,
           median(idleGaps));
    return 0;
}
