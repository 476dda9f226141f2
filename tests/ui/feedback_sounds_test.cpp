// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The packer hears each cue: FeedbackSounds through Qt Multimedia into a real PulseAudio server (the `pulse`
// fixture: a null sink), recorded from the sink's monitor with parec and compared with the cue's own WAV. Which cue
// a scan gives is packview_test's; this is the step from the cue to sound coming out.
#include "ui/feedbacksounds.h"

#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace pb;
using Cue = ui::FeedbackSounds::Cue;

namespace {
constexpr int kRate = 22050;        // the cues' own rate; parec resamples the sink's monitor to it
constexpr int kLoud = 1000;         // of 32767: above the resampler's noise, far below each cue's peak
constexpr double kTolerance = 0.03; // seconds: resampling and a period of the sink; a cut tail is 0.1 s

struct Heard {
  double seconds = 0; // from the first loud sample to the last
  int peak = 0;
};

// Mono signed 16-bit little-endian samples.
Heard listen(const QByteArray &pcm)
{
  Heard heard;
  qsizetype first = -1;
  qsizetype last = -1;
  for (qsizetype i = 0; i + 1 < pcm.size(); i += 2) {
    qint16 sample = 0;
    std::memcpy(&sample, pcm.constData() + i, sizeof sample);
    const int level = std::abs(int(sample));
    heard.peak = std::max(heard.peak, level);
    if (level > kLoud) {
      first = first < 0 ? i : first;
      last = i;
    }
  }
  if (first >= 0)
    heard.seconds = double(last - first) / 2 / kRate;
  return heard;
}

// What the cue's WAV file holds (mono, 16 bit, 22,050 Hz, a 44-byte header).
Heard inFile(const char *name)
{
  QFile wav(qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") +
            QStringLiteral("/resources/sounds/%1.wav").arg(QLatin1String(name)));
  if (!wav.open(QIODevice::ReadOnly))
    return {};
  return listen(wav.readAll().mid(44));
}
} // namespace

class FeedbackSoundsTest final : public QObject {
  Q_OBJECT

private:
  // Records the null sink's monitor while `play` runs and the sound dies away.
  QByteArray record(const std::function<void()> &play)
  {
    QProcess parec;
    parec.start(QStringLiteral("parec"), {QStringLiteral("--device=bench.monitor"), QStringLiteral("--raw"),
                                          QStringLiteral("--format=s16le"), QStringLiteral("--channels=1"),
                                          QStringLiteral("--rate=%1").arg(kRate), QStringLiteral("--latency-msec=10")});
    if (!parec.waitForStarted())
      return {};
    QByteArray pcm;
    // The monitor streams silence once the recording runs: only then is the cue played.
    if (!QTest::qWaitFor(
            [&] {
              pcm += parec.readAllStandardOutput();
              return pcm.size() > kRate / 10;
            },
            10'000))
      return {};
    play();
    QTest::qWait(1200);
    pcm += parec.readAllStandardOutput();
    parec.terminate();
    parec.waitForFinished(5000);
    return pcm + parec.readAllStandardOutput();
  }

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
    const Heard expected = inFile(qPrintable(file));
    QVERIFY2(expected.seconds > 0.05, "the cue's WAV has no sound in it");
    const Heard heard = listen(record([&sounds, cue] { sounds.play(Cue(cue)); }));
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
    const Heard heard = listen(record([&sounds] { sounds.play(Cue::WrongItem); }));
    QCOMPARE(heard.seconds, 0.0);
    QCOMPARE(sounds.lastCue(), Cue::WrongItem); // the screen still shows it
  }
};

int main(int argc, char **argv)
{
  const QByteArray pulse = qgetenv("PACKBENCH_TEST_PULSE_DIR");
  if (pulse.isEmpty() || !QFile::exists(QString::fromLocal8Bit(pulse + "/native"))) {
    std::fprintf(stderr, "FAIL: feedback_sounds_test needs the pulse fixture (ctest starts it; "
                         "scripts/install-deps.sh installs pulseaudio)\n");
    return 1;
  }
  qputenv("PULSE_SERVER", "unix:" + pulse + "/native");
  qputenv("QT_QPA_PLATFORM", "minimal"); // ctest sets offscreen, where the station plays nothing
  QGuiApplication app(argc, argv);
  FeedbackSoundsTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "feedback_sounds_test.moc"
