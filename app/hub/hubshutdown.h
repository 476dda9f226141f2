// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>

#include <vector>

namespace pb::hub {
class HubServer;
class InboxThread;
class ShopifySyncThread;
} // namespace pb::hub

namespace pb::app {

// What a running hub is made of, in the order it stops (any may be null or empty).
struct HubParts {
  hub::HubServer *server = nullptr;
  hub::InboxThread *inbox = nullptr;
  std::vector<hub::ShopifySyncThread *> sync;
};

// Stops the hub in order: no new webhooks and the batch being stored finished; the inbox pass in hand
// finished; outbox calls in flight finished until `deadline`, after which they are left to their lease
// (another worker checks Shopify before posting again). Returns how many sync threads were left running:
// the caller must then end the process without destroying them (quickExit).
int stopHub(const HubParts &parts, QDeadlineTimer deadline);

// Flushes the logs and ends the process with `code` without running destructors (threads left running).
[[noreturn]] void quickExit(int code);

} // namespace pb::app
