// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packing/packworkflow.h"

#include <QCoreApplication>

namespace pb::packing {

PackWorkflow::~PackWorkflow() = default;

Status PackWorkflow::keepAlive(const ClaimedOrder &)
{
  return {};
}

Status PackWorkflow::holdWithin(const ClaimedOrder &order, const QString &reason)
{
  return hold(order, reason);
}

Result<bool> PackWorkflow::wasFinished(const ClaimedOrder &)
{
  return false;
}

Result<ClaimedOrder> PackWorkflow::takeOver(qint64, const Packer &, const Packer &)
{
  return makeError(ErrorKind::Permission,
                   QCoreApplication::translate("pb::packing::PackWorkflow", "this station cannot take orders over"));
}

Status PackWorkflow::releaseHold(qint64, const Packer &, const Packer &)
{
  return makeError(ErrorKind::Permission,
                   QCoreApplication::translate("pb::packing::PackWorkflow", "this station cannot release holds"));
}

} // namespace pb::packing
