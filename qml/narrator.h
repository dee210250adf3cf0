// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::Narrator: the screens read aloud (语音播报) through Qt TextToSpeech, whose engine
// lives on a speech thread of its own, so the GUI thread never waits for speech-dispatcher.
#pragma once

#include "base/worker.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <mutex>

namespace kiosk::ui {

class Speaker;

/// Says what Main.qml asks (each screen's summary, see Spoken.qml) while `voiceOn`; a new text
/// interrupts the one being spoken. The engine (Qt TextToSpeech's `engine`: "speechd" in the
/// kiosk, "fake" in tests) is made on the speech thread: constructing the speechd engine
/// connects to speech-dispatcher, which libspeechd spawns first when it is not running (about
/// 1 s); a speech-dispatcher that does not answer yet is asked again for 5 s. A text asked for
/// meanwhile is spoken once the engine is ready, unless another text or stop() replaced it. A
/// missing engine or voice leaves the narrator silent with one log line. Lives on the GUI thread;
/// every call posts to the speech thread and returns at once.
class Narrator : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Narrator is created by the application")
    /// Speaks only while true (Main binds it to session.voiceOn); false stops speaking.
    Q_PROPERTY(bool voiceOn READ voiceOn WRITE setVoiceOn NOTIFY voiceOnChanged)
    /// The UI's language (zh_CN | en_US): which voice speaks.
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    /// The engine and a voice for the language are ready (false while starting, and for good
    /// when either is missing).
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    /// The engine finished starting, available or not.
    Q_PROPERTY(bool started READ started NOTIFY startedChanged)

public:
    /// The voices chosen by name (Qt 6.4's speechd engine maps no voice to a Chinese locale).
    static constexpr auto mandarinVoice = "Chinese (Mandarin, latin as Pinyin)";
    static constexpr auto englishVoice = "English (America)";
    /// $KIOSK_TTS_ENGINE, or "speechd".
    [[nodiscard]] static QString engineFromEnvironment();
    /// The voice's name for a UI language.
    [[nodiscard]] static QString voiceFor(const QString& language);
    /// The language whose voice says `text` in a UI of `language`: Mandarin for a text without
    /// Latin letters (words not translated yet, a Chinese item name), else the UI's.
    [[nodiscard]] static QString speakingLanguage(const QString& text, const QString& language);

    /// Starts the speech thread, which makes the engine at once.
    explicit Narrator(const QString& engine = engineFromEnvironment(), QObject* parent = nullptr);
    ~Narrator() override;
    Narrator(const Narrator&) = delete;
    Narrator& operator=(const Narrator&) = delete;

    [[nodiscard]] bool voiceOn() const { return voiceOn_; }
    void setVoiceOn(bool on);
    [[nodiscard]] QString language() const { return language_; }
    void setLanguage(const QString& language);
    [[nodiscard]] bool available() const { return available_; }
    [[nodiscard]] bool started() const { return started_; }
    /// How many texts were handed to the engine so far (tests: nothing said while voice is off).
    [[nodiscard]] int handedOver() const { return handedOver_; }

    /// Stops what is being spoken and says `text` (an empty one only stops); nothing while voice is
    /// off.
    Q_INVOKABLE void say(const QString& text);
    /// Stops speaking, and drops a text waiting for the engine.
    Q_INVOKABLE void stop();

signals:
    void voiceOnChanged();
    void languageChanged();
    void availableChanged();
    void startedChanged();

private:
    /// On the GUI thread: the speech thread's engine is ready (`speaker` may be null).
    void engineStarted(Speaker* speaker, bool available);
    void post(const QString& text);

    QString engine_;
    QString language_ = QStringLiteral("zh_CN");
    bool voiceOn_ = false;
    bool available_ = false;
    bool started_ = false;
    int handedOver_ = 0;
    int attempts_ = 0;           ///< engines made so far (on the speech thread only)
    QString waiting_;            ///< asked for before the engine was ready
    Speaker* speaker_ = nullptr; ///< lives on the speech thread; valid until worker_ stops
    base::Worker worker_;        ///< last: stopped first
};

} // namespace kiosk::ui
