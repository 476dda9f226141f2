// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/documents/printservice.h"

namespace pb::documents {

PrintService::PrintService(QObject *parent)
    : QObject(parent)
{}

PrintService::~PrintService() = default;

} // namespace pb::documents
