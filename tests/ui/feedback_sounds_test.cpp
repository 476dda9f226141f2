// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The packer hears each cue: FeedbackSounds through Qt Multimedia into a real PulseAudio server (the `pulse`
// fixture: a null sink), recorded from the sink's monitor with parec and compared with the cue's own WAV. Which cue
// a scan gives is packview_test's; this is the step from the cue to sound coming out.
#include "tests/support/soundcapture.h"
#include "ui/feedbacksounds.h"

#include <QGuiApplication>
#include <QTest>

#include <cstdio>
#include <cstdlib>

using namespace pb;
using Cue = ui::FeedbackSounds::Cue;

namespace {
constexpr double kTolerance = 0.03; // seconds: resampling and a period of the sink; a cut tail is 0.1 s
} // namespace

class FeedbackSoundsTest final : public QObject {
  Q_OBJECT

private Q_SLOTS:
  void initTestCase() { QCOMPARE(QGuiApplication::platformName(), QStringLiteral("minimal")); }

  void eachCue_isHeard_asItsOwnSound_data()
  {
    QTest::addColumn<int>("cue");
    QTest::addColumn<QString>("file");
    QTest::newRow("good") << int(Cue::Good) << QStringLiteral("good");
    QTest::newRow("wrong item") << int(Cue::WrongItem) << QStringLiteral("wrong-item");
    QTest::newRow("over-scan") << int(Cue::OverScan) << QStringLiteral("over-scan");
    QTest::newRow("unknown code") << int(Cue::Unknown) << QStringLiteral("unknown");
    QTest::newRow("order complete") << int(Cue::Complete) << QStringLiteral("complete");
    QTest::newRow("notice") << int(Cue::Notice) << QStringLiteral("notice");
  }

  void eachCue_isHeard_asItsOwnSound()
  {
    QFETCH(int, cue);
    QFETCH(QString, file);
    ui::FeedbackSounds sounds(true);
    QTest::qWait(300); // the effects load their WAVs as the station starts, long before the first scan
    const test::Heard expected = test::cueFile(file);
    QVERIFY2(expected.seconds > 0.05, "the cue's WAV has no sound in it");
    const test::Heard heard = test::listen(test::recordWhile([&sounds, cue] { sounds.play(Cue(cue)); }));
    QVERIFY2(heard.seconds > 0, "nothing came out of the sink");
    QVERIFY2(
        std::abs(heard.seconds - expected.seconds) < kTolerance,
        qPrintable(QStringLiteral("heard %1 s of sound, the cue is %2 s").arg(heard.seconds).arg(expected.seconds)));
    QVERIFY2(heard.peak > expected.peak / 2,
             qPrintable(QStringLiteral("peak %1, the cue's %2").arg(heard.peak).arg(expected.peak)));
  }

  // Sounds off in the configuration (station.sounds=false): nothing is played at all.
  void soundsOff_areSilent()
  {
    ui::FeedbackSounds sounds(false);
    QTest::qWait(300);
    const test::Heard heard = test::listen(test::recordWhile([&sounds] { sounds.play(Cue::WrongItem); }));
    QCOMPARE(heard.seconds, 0.0);
    QCOMPARE(sounds.lastCue(), Cue::WrongItem); // the screen still shows it
  }
};

int main(int argc, char **argv)
{
  const QByteArray server = test::pulseServer();
  if (server.isEmpty()) {
    std::fprintf(stderr, "FAIL: feedback_sounds_test needs the pulse fixture (ctest starts it; "
                         "scripts/install-deps.sh installs pulseaudio)\n");
    return 1;
  }
  qputenv("PULSE_SERVER", server);
  qputenv("QT_QPA_PLATFORM", "minimal"); // ctest sets offscreen, where the station plays nothing
  QGuiApplication app(argc, argv);
  FeedbackSoundsTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "feedback_sounds_test.moc"
