// SPDX-License-Identifier: Apache-2.0
#include "qml/narrator.h"

#include "base/clock.h"
#include "base/log.h"

#include <QEventLoop>
#include <QMetaObject>
#include <QTextToSpeech>
#include <QVoice>

#include <algorithm>
#include <chrono>
#include <stop_token>

namespace kiosk::ui {

namespace {
constexpr auto narratorLog = "ui/voice";
/// How often the engine is made before the narrator gives up, and the wait between: 5 s for
/// speech-dispatcher to come up (its first start took about 1 s, 2 s on a loaded machine).
constexpr int connectAttempts = 10;
constexpr std::chrono::milliseconds connectRetry{500};
} // namespace

/// The engine on the speech thread: Qt TextToSpeech with the voice of the language asked for.
/// Made, used and destroyed on that thread only.
class Speaker : public QObject {
public:
    explicit Speaker(const QString& engine) : engine_(engine), tts_(engine) {}

    /// The engine is there and connected (speech-dispatcher answered).
    [[nodiscard]] bool running() const { return tts_.state() != QTextToSpeech::Error; }
    [[nodiscard]] QString error() const { return tts_.errorString(); }
    /// The engine runs and has the Mandarin voice (what the screens speak by default).
    [[nodiscard]] bool usable() { return running() && useVoice("zh_CN"); }

    void say(const QString& text, const QString& language)
    {
        if (tts_.state() == QTextToSpeech::Error || !useVoice(language))
            return;
        tts_.stop();
        tts_.say(text);
    }
    void stop()
    {
        if (tts_.state() != QTextToSpeech::Error)
            tts_.stop();
    }

private:
    /// Selects the language's voice by name; false (logged once per language) without one.
    bool useVoice(const QString& language)
    {
        if (language == language_)
            return hasVoice_;
        language_ = language;
        hasVoice_ = false;
        const QString name = Narrator::voiceFor(language);
        for (const QVoice& voice : tts_.availableVoices())
            if (voice.name() == name) {
                tts_.setVoice(voice);
                hasVoice_ = true;
                return true;
            }
        base::log::warning(narratorLog, "no voice \"" + name.toStdString() + "\" in engine \"" +
                                            engine_.toStdString() + "\": silent in " +
                                            language.toStdString());
        return false;
    }

    QString engine_;
    QTextToSpeech tts_;
    QString language_;
    bool hasVoice_ = false;
};

QString Narrator::engineFromEnvironment()
{
    const QString engine = qEnvironmentVariable("KIOSK_TTS_ENGINE");
    return engine.isEmpty() ? QStringLiteral("speechd") : engine;
}

QString Narrator::voiceFor(const QString& language)
{
    return QString::fromLatin1(language == QLatin1String("en_US") ? englishVoice : mandarinVoice);
}

QString Narrator::speakingLanguage(const QString& text, const QString& language)
{
    const bool latin = std::ranges::any_of(text, [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
    });
    return latin ? language : QStringLiteral("zh_CN");
}

Narrator::Narrator(const QString& engine, QObject* parent)
    : QObject(parent), engine_(engine), worker_({.name = "ui/voice"}, base::systemClock())
{
    // The speech thread runs Qt's event loop for the engine (its state signals, libspeechd's
    // callbacks) until the worker stops; the GUI thread only posts to it.
    worker_.start([this, engine](std::stop_token stop) {
        QEventLoop loop;
        const std::stop_callback quit(stop, [&loop] {
            QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
        });
        Speaker speaker(engine);
        if (!speaker.running()) {
            // speech-dispatcher may be starting still (kiosk-speech.service starts with the
            // kiosk): the engine is made again a little later, then the narrator stays silent.
            if (++attempts_ < connectAttempts && QTextToSpeech::availableEngines().contains(engine))
                return connectRetry;
            base::log::warning(narratorLog, "speech engine \"" + engine.toStdString() +
                                                "\" unavailable (" + speaker.error().toStdString() +
                                                "): silent");
        }
        const bool usable = speaker.usable();
        QMetaObject::invokeMethod(
            this, [this, speaker = &speaker, usable] { engineStarted(speaker, usable); },
            Qt::QueuedConnection);
        if (usable)
            loop.exec();
        return base::Worker::idle;
    });
}

Narrator::~Narrator()
{
    speaker_ = nullptr;
    worker_.stop();
}

void Narrator::engineStarted(Speaker* speaker, bool available)
{
    speaker_ = available ? speaker : nullptr;
    started_ = true;
    available_ = available;
    if (available_)
        emit availableChanged();
    emit startedChanged();
    if (!waiting_.isEmpty())
        post(std::exchange(waiting_, QString()));
}

void Narrator::setVoiceOn(bool on)
{
    if (on == voiceOn_)
        return;
    voiceOn_ = on;
    if (!voiceOn_)
        stop();
    emit voiceOnChanged();
}

void Narrator::setLanguage(const QString& language)
{
    if (language == language_)
        return;
    language_ = language;
    emit languageChanged();
}

void Narrator::say(const QString& text)
{
    if (!voiceOn_)
        return;
    if (text.isEmpty()) {
        stop(); // a screen with nothing to say: not the last one's words
        return;
    }
    if (!started_) {
        waiting_ = text;
        return;
    }
    post(text);
}

void Narrator::stop()
{
    waiting_.clear();
    if (speaker_ != nullptr)
        QMetaObject::invokeMethod(
            speaker_, [speaker = speaker_] { speaker->stop(); }, Qt::QueuedConnection);
}

void Narrator::post(const QString& text)
{
    if (speaker_ == nullptr)
        return;
    ++handedOver_;
    QMetaObject::invokeMethod(
        speaker_,
        [speaker = speaker_, text, language = speakingLanguage(text, language_)] {
            speaker->say(text, language);
        },
        Qt::QueuedConnection);
}

} // namespace kiosk::ui
