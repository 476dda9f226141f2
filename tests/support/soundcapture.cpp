// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/soundcapture.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace pb::test {

namespace {
constexpr int kRate = 22050; // the cues' own rate; parec resamples the sink's monitor to it
constexpr int kLoud = 1000;  // of 32767: above the resampler's noise, far below each cue's peak
} // namespace

QByteArray pulseServer()
{
  const QByteArray dir = qgetenv("PACKBENCH_TEST_PULSE_DIR");
  return !dir.isEmpty() && QFile::exists(QString::fromLocal8Bit(dir + "/native")) ? "unix:" + dir + "/native"
                                                                                  : QByteArray();
}

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

Heard cueFile(const QString &name)
{
  QFile wav(qEnvironmentVariable("PACKBENCH_TEST_SOURCE_DIR") + QStringLiteral("/resources/sounds/%1.wav").arg(name));
  if (!wav.open(QIODevice::ReadOnly))
    return {};
  return listen(wav.readAll().mid(44)); // mono, 16 bit, 22,050 Hz after a 44-byte header
}

QByteArray recordWhile(const std::function<void()> &play, int afterMs)
{
  QProcess parec;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("PULSE_SERVER"), QString::fromLocal8Bit(pulseServer()));
  parec.setProcessEnvironment(env);
  parec.start(QStringLiteral("parec"), {QStringLiteral("--device=bench.monitor"), QStringLiteral("--raw"),
                                        QStringLiteral("--format=s16le"), QStringLiteral("--channels=1"),
                                        QStringLiteral("--rate=%1").arg(kRate), QStringLiteral("--latency-msec=10")});
  if (!parec.waitForStarted())
    return {};
  QByteArray pcm;
  // The monitor streams silence once the recording runs: only then is the sound played.
  if (!QTest::qWaitFor(
          [&] {
            pcm += parec.readAllStandardOutput();
            return pcm.size() > kRate / 10;
          },
          10'000))
    return {};
  play();
  QTest::qWait(afterMs);
  pcm += parec.readAllStandardOutput();
  parec.terminate();
  parec.waitForFinished(5000);
  return pcm + parec.readAllStandardOutput();
}

} // namespace pb::test
