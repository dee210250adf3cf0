// SPDX-License-Identifier: Apache-2.0
// The Narrator through the real engine: Qt TextToSpeech's speechd plugin, speech-dispatcher
// with espeak-ng and the Mandarin voice, into a file through ALSA's `file` plugin (no sound card
// needed). The daemon is the test's own: the kiosk's speechd.conf (image/package) under
// XDG_CONFIG_HOME, its socket (XDG_RUNTIME_DIR) and ~/.asoundrc (HOME) in a temporary folder;
// libspeechd spawns it (or the test starts it, as kiosk-speech.service does) and the test ends it.
// sox measures the audio: long enough and not silent. It also prints how long the GUI thread spends
// making a Narrator while speech-dispatcher starts, against constructing QTextToSpeech("speechd")
// there directly (a figure for the log, not asserted).
#include "qml/narrator.h"
#include "tests/qml/qt_environment.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextToSpeech>

#include <csignal>
#include <iostream>
#include <memory>
#include <optional>

#include <sys/types.h>

namespace {

/// Why the real engine cannot run here, or "" when it can.
QString missingPiece()
{
    if (QStandardPaths::findExecutable("speech-dispatcher").isEmpty())
        return "speech-dispatcher is not installed";
    if (!QFileInfo::exists("/usr/lib/speech-dispatcher-modules/sd_espeak-ng"))
        return "speech-dispatcher-espeak-ng is not installed";
    if (QStandardPaths::findExecutable("sox").isEmpty())
        return "sox is not installed";
    if (!QTextToSpeech::availableEngines().contains("speechd"))
        return "Qt's speechd plugin (qt6-speech-speechd-plugin) is not installed";
    return {};
}

class RealSpeech : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (const QString missing = missingPiece(); !missing.isEmpty())
            GTEST_SKIP() << missing.toStdString();
        ASSERT_TRUE(dir_ && dir_->isValid());
        QFile::remove(audio());
        // Raw PCM: the WAV header stays empty while speech-dispatcher keeps the device open.
        write(QDir(dir_->path()).filePath("home/.asoundrc"),
              "pcm.!default { type file; slave.pcm \"null\"; file \"" + audio() +
                  "\"; format \"raw\" }\n");
    }
    /// One folder for the whole program: libspeechd finds its socket through GLib, which keeps
    /// the first XDG_RUNTIME_DIR it saw for the rest of the process.
    static void SetUpTestSuite()
    {
        dir_ = std::make_unique<QTemporaryDir>();
        const QDir root(dir_->path());
        if (!root.mkpath("home") || !root.mkpath("config/speech-dispatcher") || !root.mkpath("run"))
            return;
        QFile::setPermissions(root.filePath("run"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        // The kiosk's own configuration (kiosk-speech.service's): ALSA, espeak-ng, Mandarin.
        QFile::copy(QStringLiteral(KIOSK_SPEECHD_CONF),
                    root.filePath("config/speech-dispatcher/speechd.conf"));
        // libspeechd spawns the daemon with this process's environment.
        qputenv("HOME", root.filePath("home").toUtf8());
        qputenv("XDG_CONFIG_HOME", root.filePath("config").toUtf8());
        qputenv("XDG_RUNTIME_DIR", root.filePath("run").toUtf8());
        qunsetenv("SPEECHD_ADDRESS");
    }
    static void TearDownTestSuite() { dir_.reset(); }
    void TearDown() override { endDaemon(); }

    static void write(const QString& path, const QString& text)
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
    }
    [[nodiscard]] static QString audio() { return QDir(dir_->path()).filePath("spoken.raw"); }

    /// Ends the speech-dispatcher this test spawned (by its pid file) and waits until it is gone.
    void endDaemon()
    {
        QFile pidFile(
            QDir(dir_->path()).filePath("run/speech-dispatcher/pid/speech-dispatcher.pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            return;
        const pid_t pid = pidFile.readAll().trimmed().toInt();
        pidFile.close();
        pidFile.remove();
        if (pid <= 1)
            return;
        (void)::kill(pid, SIGTERM);
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return !QFileInfo::exists(QString("/proc/%1").arg(pid)) || isZombie(pid); },
            10000))
            << "speech-dispatcher " << pid << " did not end";
    }
    static bool isZombie(pid_t pid)
    {
        QFile stat(QString("/proc/%1/stat").arg(pid));
        return stat.open(QIODevice::ReadOnly) && stat.readAll().contains(") Z ");
    }

    /// Waits until the audio file stopped growing (speech-dispatcher writes faster than real
    /// time into the null sink); its size then.
    [[nodiscard]] static qint64 waitForAudio()
    {
        qint64 size = -1;
        (void)QTest::qWaitFor(
            [&] {
                const qint64 now = QFileInfo(audio()).size();
                if (now > 0 && now == size)
                    return true;
                size = now;
                QTest::qWait(300);
                return false;
            },
            20000);
        return QFileInfo(audio()).size();
    }

    static inline std::unique_ptr<QTemporaryDir> dir_;
};

struct Measured {
    double seconds = 0;
    double rms = 0;
};

/// sox's `stat` of the raw PCM (22050 Hz, mono, signed 16 bit).
std::optional<Measured> measure(const QString& raw)
{
    QProcess sox;
    sox.start("sox", {"-t", "raw", "-r", "22050", "-e", "signed", "-b", "16", "-c", "1", raw, "-n",
                      "stat"});
    if (!sox.waitForFinished(30000) || sox.exitCode() != 0)
        return std::nullopt;
    const QString out = QString::fromUtf8(sox.readAllStandardError());
    const auto length = QRegularExpression(R"(Length \(seconds\):\s+([0-9.]+))").match(out);
    const auto rms = QRegularExpression(R"(RMS\s+amplitude:\s+([0-9.]+))").match(out);
    if (!length.hasMatch() || !rms.hasMatch())
        return std::nullopt;
    return Measured{length.captured(1).toDouble(), rms.captured(1).toDouble()};
}

TEST_F(RealSpeech, TheIdentifyPromptIsSpokenInMandarinIntoTheAudioDevice)
{
    // For the log: what constructing the engine on the GUI thread would cost while the daemon
    // starts (libspeechd spawns it), then the daemon is ended so the narrator starts it again.
    QElapsedTimer direct;
    direct.start();
    {
        QTextToSpeech tts("speechd");
        ASSERT_NE(tts.state(), QTextToSpeech::Error) << tts.errorString().toStdString();
    }
    const auto directMs = direct.elapsed();
    endDaemon();

    QElapsedTimer gui;
    gui.start();
    kiosk::ui::Narrator narrator(QStringLiteral("speechd"));
    narrator.setVoiceOn(true);
    narrator.say(QStringLiteral("请将身份证放在感应区"));
    const auto guiUs = gui.nsecsElapsed() / 1000;
    ASSERT_TRUE(QTest::qWaitFor([&] { return narrator.started(); }, 20000));
    const auto startedMs = gui.elapsed();
    std::cout << "QTextToSpeech(\"speechd\") on the calling thread, daemon not running: "
              << directMs << " ms\nNarrator(\"speechd\") + say() on the GUI thread: " << guiUs
              << " us (engine ready on the speech thread after " << startedMs << " ms)\n";
    ASSERT_TRUE(narrator.available())
        << "no voice \"" << kiosk::ui::Narrator::mandarinVoice << "\" in speech-dispatcher";

    const qint64 bytes = waitForAudio();
    ASSERT_GT(bytes, 0) << "nothing was written to " << audio().toStdString();
    const auto measured = measure(audio());
    ASSERT_TRUE(measured) << "sox could not read " << audio().toStdString();
    std::cout << "spoken: " << measured->seconds << " s, RMS " << measured->rms << '\n';
    // 10 syllables of espeak-ng Mandarin: about 3.5 s; a voice reading the hanzi as tone digits in
    // English phonemes takes longer, silence has an RMS of 0.
    EXPECT_GT(measured->seconds, 1.5);
    EXPECT_LT(measured->seconds, 10.0);
    EXPECT_GT(measured->rms, 0.01);
}

TEST_F(RealSpeech, ANewTextInterruptsTheOneBeingSpoken)
{
    kiosk::ui::Narrator narrator(QStringLiteral("speechd"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return narrator.started(); }, 20000));
    ASSERT_TRUE(narrator.available());
    narrator.setVoiceOn(true);
    // The home screen's words (about 9 s alone), then at once the identify screen's prompt.
    narrator.say(QStringLiteral("欢迎使用政务服务自助终端。请点选要办理的事项，也可以点“搜索事项”，"
                                "用拼音查找。"));
    narrator.say(QStringLiteral("请将身份证放在感应区"));
    ASSERT_GT(waitForAudio(), 0);
    const auto measured = measure(audio());
    ASSERT_TRUE(measured);
    std::cout << "interrupted then spoken: " << measured->seconds << " s, RMS " << measured->rms
              << '\n';
    EXPECT_GT(measured->seconds, 1.5);
    EXPECT_LT(measured->seconds, 7.0);
}

TEST_F(RealSpeech, TheNarratorWaitsForASpeechDispatcherStartedAfterIt)
{
    // As on the image: kiosk-speech.service starts speech-dispatcher beside the kiosk, which
    // finds it through SPEECHD_ADDRESS and may ask before it listens. libspeechd (0.11) still
    // spawns a speech-dispatcher on every spd_open; that one loads espeak-ng (about 1 s) before it
    // gives up on the socket mismatch, and holds the pid file in XDG_RUNTIME_DIR meanwhile. The
    // service's daemon therefore gets a runtime directory of its own, as on the image
    // (/run/kiosk-speech beside the kiosk's /run/kiosk): otherwise it quits "already running".
    const QString socket = QDir(dir_->path()).filePath("run/service.sock");
    const QString serviceRun = QDir(dir_->path()).filePath("service-run");
    ASSERT_TRUE(QDir().mkpath(serviceRun));
    QFile::setPermissions(serviceRun, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("SPEECHD_ADDRESS", ("unix_socket:" + socket).toUtf8());
    kiosk::ui::Narrator narrator(QStringLiteral("speechd"));
    QTest::qWait(700);
    EXPECT_FALSE(narrator.started()) << "gave up before speech-dispatcher was there";
    QProcess daemon;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_RUNTIME_DIR", serviceRun);
    daemon.setProcessEnvironment(environment);
    daemon.start("speech-dispatcher", {"--run-single", "--communication-method", "unix_socket",
                                       "--socket-path", socket, "--timeout", "0"});
    ASSERT_TRUE(daemon.waitForStarted());
    // Still running once it listens (not "Speech Dispatcher already running.").
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return QFileInfo::exists(socket) || daemon.state() == QProcess::NotRunning; },
        10000));
    ASSERT_EQ(daemon.state(), QProcess::Running) << daemon.readAll().toStdString();
    const bool started = QTest::qWaitFor([&] { return narrator.started(); }, 20000);
    qunsetenv("SPEECHD_ADDRESS");
    ASSERT_TRUE(started);
    ASSERT_TRUE(narrator.available());
    narrator.setVoiceOn(true);
    narrator.say(QStringLiteral("请将身份证放在感应区"));
    ASSERT_GT(waitForAudio(), 0);
    const auto measured = measure(audio());
    ASSERT_TRUE(measured);
    EXPECT_GT(measured->seconds, 1.5);
    EXPECT_GT(measured->rms, 0.01);
    daemon.terminate();
    EXPECT_TRUE(daemon.waitForFinished(10000));
}

} // namespace

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(
        new test_support::QtEnvironment({"narrator_speechd_test", false, nullptr}));
    return RUN_ALL_TESTS();
}
