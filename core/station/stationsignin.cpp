// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StationController: the packer's sign-in as the database keeps it (migration 0016). Every call that does work
// carries the sign-in token; it is ended on sign-out and shutdown, and a token the database no longer takes
// (hours without work, signed out elsewhere) sends the bench back to the sign-in screen with the order kept.
#include "core/station/stationcontroller.h"

#include <QLoggingCategory>

namespace pb::station {

namespace {
Q_LOGGING_CATEGORY(lcSignIn, "packbench.core.station.stationsignin")
} // namespace

void StationController::endSignIn()
{
  if (!m_packer || m_packer->signInToken.isEmpty())
    return;
  if (Status ended = packing::signOut(m_db, *m_packer); !ended) // it still expires on its own
    qCWarning(lcSignIn).noquote() << "sign-out not recorded:" << ended.error().message;
  m_packer->signInToken.clear();
}

bool StationController::endedSignIn(const Error &error)
{
  if (error.kind != ErrorKind::SignedOut)
    return false;
  signInEnded();
  return true;
}

void StationController::signInEnded()
{
  if (!m_packer || (m_locked && m_packer->signInToken.isEmpty()))
    return; // said already
  qCInfo(lcSignIn) << "the database no longer accepts the sign-in of packer" << m_packer->id;
  m_packer->signInToken.clear();
  if (!m_locked)
    lockBench();
  setScreen(Screen::SignIn);
  const QString detail =
      m_unrecordedFinish ? tr("The order is complete but NOT recorded yet: it is recorded as soon as you sign in "
                              "again. Keep the box on the bench.")
      : m_unrecordedHold ? tr("The hold is NOT recorded yet: it is recorded as soon as you sign in again.")
                         : tr("Nothing of your last step was saved: sign in again and repeat it.");
  Q_EMIT signInRequired(QString());
  Q_EMIT signInRefused(tr("Your sign-in has ended — sign in again"), detail);
}

} // namespace pb::station
