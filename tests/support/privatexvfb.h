// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace pb::test {

// A private Xvfb for tests that type at real windows: it picks a free display (-displayfd) and stops
// with the object. -noreset keeps its keyboard layout when the last client goes.
class PrivateXvfb final {
public:
  PrivateXvfb() = default;
  ~PrivateXvfb();
  PrivateXvfb(const PrivateXvfb &) = delete;
  PrivateXvfb &operator=(const PrivateXvfb &) = delete;

  // ":N", or empty when Xvfb is missing or did not start.
  QString start(const QString &screen = QStringLiteral("1280x800x24"));
  QString display() const { return m_display; }
  // Runs xdotool against this display while this thread's event loop keeps turning (fakes keep answering); true when
  // it exited 0. What it printed goes to `output` when given.
  bool xdotool(const QStringList &args, QByteArray *output = nullptr) const;
  // Keys typed through XTEST `msPerKey` apart, then Return: 5 ms is a wedge scanner, 250 ms a person.
  bool type(const QString &text, int msPerKey) const;

private:
  pid_t m_pid = -1;
  QString m_display;
};

} // namespace pb::test
