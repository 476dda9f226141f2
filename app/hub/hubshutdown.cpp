// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/hub/hubshutdown.h"

#include "app/common/startup.h"

#include "core/hub/hubserver.h"
#include "core/hub/inboxthread.h"
#include "core/hub/shopifysyncthread.h"

#include <QLoggingCategory>

#include <cstdlib>

namespace pb::app {

namespace {
Q_LOGGING_CATEGORY(lcHubShutdown, "packbench.app.hub.shutdown")
}

int stopHub(const HubParts &parts, QDeadlineTimer deadline)
{
  // Every outbox thread is told first, so they all wind down while the webhooks close.
  for (hub::ShopifySyncThread *thread : parts.sync)
    thread->requestStop();
  if (parts.server)
    parts.server->close();
  if (parts.inbox) {
    parts.inbox->quit();
    parts.inbox->wait(deadline);
  }
  int left = 0;
  for (hub::ShopifySyncThread *thread : parts.sync) {
    if (!thread->wait(deadline))
      ++left;
  }
  if (parts.inbox && parts.inbox->isRunning()) {
    qCWarning(lcHubShutdown) << "the inbox pass did not finish in time; its transaction is rolled back";
    ++left;
  }
  if (left > 0)
    qCWarning(lcHubShutdown) << left
                             << "worker(s) still busy at the stop deadline; their outbox rows stay leased and are "
                                "checked against Shopify before any retry";
  else
    qCInfo(lcHubShutdown) << "outbox and inbox workers finished";
  return left;
}

void quickExit(int code)
{
  std::_Exit(finishRun(code));
}

} // namespace pb::app
