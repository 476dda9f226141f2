// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/feedbacksounds.h"

#include <QAudioDevice>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QMediaDevices>
#include <QSoundEffect>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcSounds, "packbench.ui.feedbacksounds")
}

FeedbackSounds::FeedbackSounds(bool enabled, QObject *parent)
    : QObject(parent)
{
  // Offscreen (tests, CI, screenshots) never touches the audio stack.
  if (!enabled || QGuiApplication::platformName() == u"offscreen")
    return;
  const QAudioDevice device = QMediaDevices::defaultAudioOutput();
  if (device.isNull()) {
    qCInfo(lcSounds) << "no audio output: feedback is visual only";
    return;
  }
  const QList<std::pair<Cue, const char *>> files = {{Cue::Good, "good"},          {Cue::WrongItem, "wrong-item"},
                                                     {Cue::OverScan, "over-scan"}, {Cue::Unknown, "unknown"},
                                                     {Cue::Complete, "complete"},  {Cue::Notice, "notice"}};
  for (const auto &[cue, name] : files) {
    auto *effect = new QSoundEffect(device, this);
    effect->setSource(QUrl(QStringLiteral("qrc:/sounds/%1.wav").arg(QLatin1String(name))));
    effect->setVolume(1.0);
    m_effects.insert(cue, effect);
  }
}

FeedbackSounds::~FeedbackSounds() = default;

void FeedbackSounds::play(Cue cue)
{
  m_lastCue = cue;
  if (QSoundEffect *effect = m_effects.value(cue)) {
    effect->stop();
    effect->play();
  }
}

} // namespace pb::ui
