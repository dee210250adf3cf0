// SPDX-License-Identifier: Apache-2.0
// FakeTts: a Qt TextToSpeech engine ("fake") for tests, linked as a static plugin into the test
// programs only: it records every say() and stop() instead of speaking.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtTextToSpeech/QTextToSpeechPlugin>

namespace test_support::fake_tts {

/// What the engine was asked, in order: "say:<text>", "stop" or "voice:<name>". Thread-safe (the
/// narrator speaks from its own thread).
[[nodiscard]] QStringList events();
/// Only the texts said, in order.
[[nodiscard]] QStringList spoken();
void clear();
/// The voices the next engine offers: the Mandarin and English ones (true), or none (a speech
/// engine without the voices the kiosk needs).
void setHasVoices(bool hasVoices);

} // namespace test_support::fake_tts

class FakeTtsPlugin : public QObject, public QTextToSpeechPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.qt-project.qt.speech.tts.plugin/6.0" FILE "fake_tts.json")
    Q_INTERFACES(QTextToSpeechPlugin)

public:
    QTextToSpeechEngine* createTextToSpeechEngine(const QVariantMap& parameters, QObject* parent,
                                                  QString* errorString) const override;
};
