// SPDX-License-Identifier: Apache-2.0
// gui_stall_bench: the longest GUI-thread stall while a signed 20,000-item catalog is installed
// and switched in, through the kiosk's own pieces (InstalledCatalogWatch on its worker,
// CatalogHolder, CatalogSwitcher, CatalogViewModel, Main.qml shown offscreen), the catalog
// installed by the real `kioskctl catalog install` in its own process. Baselines in the same
// run: the old path, where a 1 s timer on the GUI thread polled the same watch (read, verify,
// prepare) and switched there; the idle screens; and a control where a nice-10 thread parses
// the same catalog while the GUI thread does nothing with it (what a busy worker alone costs
// the GUI thread on this machine). The probe is a 1 ms timer on the GUI thread; a stall is
// the longest gap between two of its ticks. A benchmark, not a test: it asserts no time.
//
//   gui_stall_bench [--items N] [--rounds R] [--size WxH]
#include "base/clock.h"
#include "kiosk/app/catalog_switcher.h"
#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/catalog_store.h"
#include "kiosk/core/installed_catalog_watch.h"
#include "kiosk/core/journey.h"
#include "kiosk/core/service_catalog.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"
#include "qml/session_view_model.h"
#include "tests/bench/stall_probe.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

using bench::runUntil;
using bench::Stall;
using bench::StallProbe;

namespace fs = std::filesystem;
using kiosk::core::Catalog;

constexpr std::int64_t firstVersion = 2026112401;

struct Options {
    std::size_t items = 20'000;
    int rounds = 3;
    int width = 1080;
    int height = 1920;
};

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const std::string value = argv[i + 1];
        if (name == "--items")
            options.items = std::stoul(value);
        else if (name == "--rounds")
            options.rounds = std::stoi(value);
        else if (name == "--size" && value.find('x') != std::string::npos) {
            options.width = std::stoi(value.substr(0, value.find('x')));
            options.height = std::stoi(value.substr(value.find('x') + 1));
        }
    }
    return options;
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// An ed25519 key pair in `dir`, trusted as "bench"; returns the private key's path.
std::string makeKey(const fs::path& dir, kiosk::core::TrustedKey& trusted)
{
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    const auto priv = (dir / "key.pem").string();
    FILE* pubFile = std::fopen((dir / "pub.pem").c_str(), "w");
    FILE* privFile = std::fopen(priv.c_str(), "w");
    PEM_write_PUBKEY(pubFile, key);
    PEM_write_PrivateKey(privFile, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(pubFile);
    std::fclose(privFile);
    EVP_PKEY_free(key);
    trusted.id = "bench";
    trusted.alg = "ed25519";
    trusted.publicKeyFile = dir / "pub.pem";
    return priv;
}

/// The shipped catalog's items repeated (distinct codes) up to `items`, as JSON text.
std::string generatedCatalog(std::size_t items, std::int64_t version)
{
    auto json = nlohmann::json::parse(readText(kiosk::core::shippedCatalogPath()));
    const auto shipped = json["items"];
    auto& out = json["items"];
    out = nlohmann::json::array();
    for (std::size_t i = 0; out.size() < items; ++i) {
        auto item = shipped[i % shipped.size()];
        item["code"] = item["code"].get<std::string>() + "-" + std::to_string(i);
        out.push_back(std::move(item));
    }
    json["catalogVersion"] = version;
    return json.dump();
}

class Bench {
public:
    explicit Bench(const Options& options)
        : options_(options),
          dir_(fs::temp_directory_path() / ("kiosk-gui-stall-" + std::to_string(::getpid()))),
          privateKey_((fs::create_directories(dir_), makeKey(dir_, trusted_))),
          store_(dir_ / "data", {trusted_}),
          holder_(kiosk::core::parseCatalog(generatedCatalog(200, firstVersion)).value()),
          watch_(store_, holder_)
    {
        // Connected before the view-model follows, so it runs first: the switch's start.
        switchTiming_ = holder_.switched.connect([this](const auto&) { probe_.switchBegins(); });
        viewModel_.follow(holder_);
        QObject::connect(&viewModel_, &kiosk::ui::CatalogViewModel::catalogChanged,
                         [this] { probe_.switchEnded(); });
        writeConfig();
    }
    ~Bench()
    {
        watch_.stop();
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    Bench(const Bench&) = delete;
    Bench& operator=(const Bench&) = delete;

    /// Main.qml on an offscreen window, as the kiosk shows it.
    bool showScreens()
    {
        engine_.addImportPath("qrc:/qt/qml");
        engine_.setInitialProperties({{"catalog", QVariant::fromValue(&viewModel_)},
                                      {"session", QVariant::fromValue(&session_)}});
        engine_.load(QUrl(QStringLiteral("qrc:/qt/qml/Kiosk/Ui/Main.qml")));
        window_ = engine_.rootObjects().isEmpty()
                      ? nullptr
                      : qobject_cast<QQuickWindow*>(engine_.rootObjects().first());
        if (window_ == nullptr)
            return false;
        window_->resize(options_.width, options_.height);
        window_->show();
        probe_.watchFrames(*window_);
        switcher_ = std::make_unique<kiosk::app::CatalogSwitcher>(
            holder_, [this] { return window_->property("atHome").toBool(); });
        QQmlProperty(window_, "atHome")
            .connectNotifySignal(switcher_.get(), SLOT(switchIfAtHome()));
        return runUntil([] { return true; }, 1000);
    }

    /// The longest stall with nothing to do but the probe and the shown screens.
    Stall idle()
    {
        probe_.reset();
        runUntil([] { return true; }, 2000);
        return probe_.worst();
    }

    /// The control: a nice-10 thread parses the same catalog twice (about as long as the
    /// watch's work); the GUI thread does nothing with it.
    Stall busyWorkerAlone()
    {
        const auto text = generatedCatalog(options_.items, firstVersion);
        probe_.reset();
        std::atomic<bool> done = false;
        std::jthread worker([&] {
            (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()),
                                kiosk::core::InstalledCatalogWatch::backgroundNice);
            for (int i = 0; i < 2; ++i)
                (void)kiosk::core::parseCatalog(text);
            done = true;
        });
        runUntil([&] { return done.load(); }, 500);
        return probe_.worst();
    }

    /// The kiosk today: the watch polls on its worker; the switch arrives as a queued call.
    Stall newPath()
    {
        const auto version = nextEnvelope();
        watch_.start(base::systemClock(), std::chrono::seconds(1));
        const auto stall = measureInstall(version);
        watch_.stop();
        return stall;
    }

    /// The old kiosk/app/main.cpp: a 1 s GUI timer polls the watch and switches, all there.
    Stall oldPath()
    {
        const auto version = nextEnvelope();
        QTimer catalogSwitch;
        QObject::connect(&catalogSwitch, &QTimer::timeout, [this] {
            if (!window_->property("atHome").toBool())
                return;
            (void)watch_.poll();
            (void)switcher_->switchIfAtHome();
            holder_.releaseRetired(); // the old code freed the old catalog here too
        });
        catalogSwitch.start(1000);
        return measureInstall(version);
    }

private:
    /// What `kioskctl catalog install` needs: the data_dir, the trusted key and the catalog in
    /// service (signed, as trusted keys require).
    void writeConfig()
    {
        const auto initial = dir_ / "initial.envelope.json";
        std::ofstream(initial, std::ios::binary)
            << kiosk::core::signCatalog(generatedCatalog(200, firstVersion), privateKey_,
                                        trusted_.id, trusted_.alg)
                   .value();
        std::ofstream(dir_ / "kiosk.toml")
            << "[kiosk]\nid = \"SC-510703-0042\"\ndata_dir = \"" << (dir_ / "data").string()
            << "\"\n\n[platform]\nurl = \"http://127.0.0.1:9\"\nallow_insecure_loopback = true\n\n"
            << "[catalog]\nfile = \"" << initial.string()
            << "\"\n\n[[catalog.trusted_keys]]\nid = \"bench\"\nalg = \"ed25519\"\n"
            << "public_key_file = \"" << trusted_.publicKeyFile.string() << "\"\n\n"
            << "[queue]\nkey_file = \"" << (dir_ / "queue.key").string() << "\"\n";
    }

    /// Signs the next version into a file (not measured) and returns it.
    std::int64_t nextEnvelope()
    {
        const auto version = ++lastVersion_;
        std::ofstream(dir_ / "next.envelope.json", std::ios::binary)
            << kiosk::core::signCatalog(generatedCatalog(options_.items, version), privateKey_,
                                        trusted_.id, trusted_.alg)
                   .value();
        return version;
    }

    /// Installs with the real kioskctl (its own process, taking CPU as it does on a kiosk) and
    /// measures until the screens show the catalog and a little after (the next frame).
    Stall measureInstall(std::int64_t version)
    {
        probe_.reset();
        QProcess kioskctl;
        kioskctl.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        kioskctl.setStandardOutputFile(QProcess::nullDevice());
        probe_.installing(true);
        QObject::connect(&kioskctl, &QProcess::finished, [this] { probe_.installing(false); });
        kioskctl.start(QStringLiteral(KIOSKCTL_PROGRAM),
                       {"catalog", "install", "--config",
                        QString::fromStdString((dir_ / "kiosk.toml").string()),
                        QString::fromStdString((dir_ / "next.envelope.json").string())});
        const bool shown = runUntil(
            [&] { return viewModel_.snapshot()->catalog().catalogVersion == version; }, 500);
        if (!shown)
            std::cerr << "catalog " << version << " was not shown within 120 s\n";
        kioskctl.waitForFinished();
        return probe_.worst();
    }

    Options options_;
    StallProbe probe_; ///< first: the holder's and the view-model's connections use it
    base::Connection switchTiming_;
    fs::path dir_;
    kiosk::core::TrustedKey trusted_;
    std::string privateKey_;
    kiosk::core::CatalogStore store_;
    kiosk::core::CatalogHolder holder_;
    kiosk::core::InstalledCatalogWatch watch_;
    kiosk::ui::CatalogViewModel viewModel_;
    /// Main.qml shows the screen of a session; nobody is served during the switch.
    kiosk::core::Journey journey_{base::systemClock(), {}, [](std::function<void()> task) {
                                      QMetaObject::invokeMethod(qApp, std::move(task),
                                                                Qt::QueuedConnection);
                                  }};
    kiosk::ui::SessionViewModel session_{journey_, viewModel_};
    QQmlApplicationEngine engine_;
    QQuickWindow* window_ = nullptr;
    std::unique_ptr<kiosk::app::CatalogSwitcher> switcher_;
    std::int64_t lastVersion_ = firstVersion;
};

std::string figures(std::vector<double> values)
{
    std::ostringstream out;
    out.precision(1);
    out << std::fixed;
    for (std::size_t i = 0; i < values.size(); ++i)
        out << (i ? ", " : "") << values[i];
    std::sort(values.begin(), values.end());
    out << " (median " << values[values.size() / 2] << ", worst " << values.back() << ")";
    return out.str();
}

void report(const char* path, const std::vector<Stall>& rounds, bool installs)
{
    const auto column = [&](double Stall::*field) {
        std::vector<double> values;
        for (const auto& round : rounds)
            values.push_back(round.*field);
        return figures(values);
    };
    std::cout << "  " << path << "\n    longest GUI-thread stall, ms: " << column(&Stall::worstGap);
    if (installs)
        std::cout << "\n      while kioskctl installs:    " << column(&Stall::worstGapInstalling)
                  << "\n      after, the kiosk's part:    " << column(&Stall::worstGapKiosk);
    std::cout << "\n    longest frame, ms:            " << column(&Stall::worstFrame)
              << "\n    longest switch call, ms:      " << column(&Stall::worstSwitch) << "\n";
}

} // namespace

int main(int argc, char** argv)
{
    const auto options = parse(argc, argv);
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    (void)kiosk::ui::useChineseFont();
    Bench bench(options);
    if (!bench.showScreens()) {
        std::cerr << "cannot load Main.qml\n";
        return 1;
    }
    std::vector<Stall> idle;
    std::vector<Stall> control;
    std::vector<Stall> now;
    std::vector<Stall> old;
    for (int round = 0; round < options.rounds; ++round) {
        idle.push_back(bench.idle());
        control.push_back(bench.busyWorkerAlone());
        now.push_back(bench.newPath()); // alternating, so drift on a shared machine hits both
        old.push_back(bench.oldPath());
    }
    std::cout << "GUI-thread stall while a signed " << options.items
              << "-item catalog is installed and switched in (" << options.width << "x"
              << options.height << ", " << options.rounds << " rounds)\n";
    report("idle screens, 2 s, nothing installed", idle, false);
    report("control: a nice-10 thread parses the catalog, the GUI ignores it", control, false);
    report("the kiosk: watch on its worker, queued switch at home", now, true);
    report("old path: 1 s GUI timer polls the watch and switches", old, true);
    return 0;
}
