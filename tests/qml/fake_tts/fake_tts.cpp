// SPDX-License-Identifier: Apache-2.0
#include "tests/qml/fake_tts/fake_tts.h"

#include "qml/narrator.h"

#include <QLocale>
#include <QVoice>
#include <QtTextToSpeech/QTextToSpeechEngine>

#include <mutex>

namespace test_support::fake_tts {
namespace {
std::mutex mutex;
QStringList log;
bool withVoices = true;

void record(const QString& event)
{
    const std::scoped_lock lock(mutex);
    log.append(event);
}
} // namespace

QStringList events()
{
    const std::scoped_lock lock(mutex);
    return log;
}

QStringList spoken()
{
    QStringList texts;
    for (const QString& event : events())
        if (event.startsWith(QLatin1String("say:")))
            texts.append(event.mid(4));
    return texts;
}

void clear()
{
    const std::scoped_lock lock(mutex);
    log.clear();
}

void setHasVoices(bool hasVoices)
{
    const std::scoped_lock lock(mutex);
    withVoices = hasVoices;
}

namespace {

/// Says nothing: says Speaking, records, and is Ready again at once.
class FakeEngine : public QTextToSpeechEngine {
public:
    explicit FakeEngine(QObject* parent) : QTextToSpeechEngine(parent)
    {
        const std::scoped_lock lock(mutex);
        if (withVoices)
            voices_ = {createVoice(QString::fromLatin1(kiosk::ui::Narrator::mandarinVoice),
                                   QLocale::c(), QVoice::Female, QVoice::Adult, {}),
                       createVoice(QString::fromLatin1(kiosk::ui::Narrator::englishVoice),
                                   QLocale(QLocale::English, QLocale::UnitedStates), QVoice::Male,
                                   QVoice::Adult, {})};
    }

    QList<QLocale> availableLocales() const override { return {QLocale::c()}; }
    QList<QVoice> availableVoices() const override { return voices_; }
    void say(const QString& text) override
    {
        record(QStringLiteral("say:") + text);
        emit stateChanged(QTextToSpeech::Speaking);
        emit stateChanged(QTextToSpeech::Ready);
    }
    void stop(QTextToSpeech::BoundaryHint /*hint*/) override { record(QStringLiteral("stop")); }
    void pause(QTextToSpeech::BoundaryHint /*hint*/) override {}
    void resume() override {}
    double rate() const override { return 0; }
    bool setRate(double /*rate*/) override { return true; }
    double pitch() const override { return 0; }
    bool setPitch(double /*pitch*/) override { return true; }
    QLocale locale() const override { return QLocale::c(); }
    bool setLocale(const QLocale& /*locale*/) override { return true; }
    double volume() const override { return 1; }
    bool setVolume(double /*volume*/) override { return true; }
    QVoice voice() const override { return voice_; }
    bool setVoice(const QVoice& voice) override
    {
        record(QStringLiteral("voice:") + voice.name());
        voice_ = voice;
        return true;
    }
    QTextToSpeech::State state() const override { return QTextToSpeech::Ready; }
    QTextToSpeech::ErrorReason errorReason() const override
    {
        return QTextToSpeech::ErrorReason::NoError;
    }
    QString errorString() const override { return {}; }

private:
    QList<QVoice> voices_;
    QVoice voice_;
};

} // namespace
} // namespace test_support::fake_tts

QTextToSpeechEngine* FakeTtsPlugin::createTextToSpeechEngine(const QVariantMap& /*parameters*/,
                                                             QObject* parent,
                                                             QString* /*errorString*/) const
{
    return new test_support::fake_tts::FakeEngine(parent);
}
