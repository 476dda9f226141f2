// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/chainprograms.h"
#include "tests/support/fakeshopify.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTemporaryDir>

namespace pb::test {

// What every end-to-end test of the real programs holds (tests/e2e): a scratch folder with the hub and station
// programs run from it, the scratch database's owner connection, and the fake Shopify. Its target defines
// PACKBENCH_HUB_BINARY, PACKBENCH_STATION_BINARY and PACKBENCH_E2E_SCREENSHOT_DIR (tests/e2e/CMakeLists.txt).
class ChainTest : public QObject {
protected:
  QTemporaryDir m_dir;
  ChainPrograms m_programs{QStringLiteral(PACKBENCH_HUB_BINARY), QStringLiteral(PACKBENCH_STATION_BINARY), m_dir.path(),
                           QStringLiteral(PACKBENCH_E2E_SCREENSHOT_DIR)};
  QSqlDatabase m_db;
  FakeShopify m_fake;
};

} // namespace pb::test
