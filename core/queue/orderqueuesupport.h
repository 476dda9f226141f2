// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>

// Shared by the two halves of OrderQueue (orderqueue.cpp: SQLite and trusted SQL; orderqueue_postgres.cpp: the
// station functions). Not part of the queue's interface.
namespace pb::queue {

QString trQueue(const char *text);
// A station function's message (migration 0012 writes the same English as the C++ path) in the UI's language.
Error translated(Error error);

} // namespace pb::queue
