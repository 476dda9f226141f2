// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/manifestworker.h"

#include <QLoggingCategory>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcManifests, "packbench.core.hub.manifestworker")

using carriers::CarrierErrorKind;

constexpr int kPerPass = 20; // warehouses per pass; more wait for the next one
} // namespace

ManifestWorker::ManifestWorker(QSqlDatabase db, carriers::Carrier &carrier, QString workerId, int leaseSeconds)
    : m_db(std::move(db))
    , m_carrier(carrier)
    , m_workerId(std::move(workerId))
    , m_leaseSeconds(leaseSeconds)
{}

ManifestWorker::~ManifestWorker() = default;

Result<int> ManifestWorker::runOnce()
{
  int worked = 0;
  for (; worked < kPerPass; ++worked) {
    auto job = manifestrequests::claimNext(m_db, m_workerId, m_leaseSeconds);
    if (!job)
      return job.error();
    if (!job->has_value())
      break;
    if (Status done = work(**job); !done)
      return done.error();
  }
  return worked;
}

Status ManifestWorker::work(const ManifestJob &job)
{
  if (job.labels.isEmpty()) {
    ++m_failed;
    return manifestrequests::fail(m_db, job, m_workerId, ManifestErrorKind::NothingToManifest,
                                  QStringLiteral("No labels to put on a manifest: every label bought here is on one "
                                                 "already, or voided."));
  }
  carriers::ManifestRequest request;
  for (const ManifestLabel &label : job.labels)
    request.labelIds.append(label.labelId);
  // Exactly these labels: one manifest per carrier among them. Sent once; an answer lost is not sent again.
  auto manifests = carriers::waitFor<QList<carriers::Manifest>>(
      [&](carriers::Done<QList<carriers::Manifest>> done) { m_carrier.createManifest(request, std::move(done)); });
  if (!manifests)
    return settleError(job, manifests.error());
  if (Status stored = manifestrequests::storeManifests(m_db, job, manifests.value(), m_workerId); !stored) {
    // The carrier made them and the database did not take them: never asked again by itself.
    qCWarning(lcManifests).noquote() << "manifest request" << job.requestId
                                     << "made but not stored:" << stored.error().message;
    return stored;
  }
  ++m_made;
  qCInfo(lcManifests) << "manifest request" << job.requestId << ":" << manifests->size() << "manifest(s) for"
                      << job.labels.size() << "label(s)";
  return {};
}

Status ManifestWorker::settleError(const ManifestJob &job, const carriers::CarrierError &error)
{
  qCWarning(lcManifests).noquote() << "manifest request" << job.requestId
                                   << "not made:" << carriers::carrierErrorKindName(error.kind) << error.httpStatus
                                   << error.requestId;
  ++m_failed;
  const auto failWith = [&](ManifestErrorKind kind, const QString &message) {
    return manifestrequests::fail(m_db, job, m_workerId, kind, message);
  };
  // The adapter made the manifests and only a PDF download failed (its message names the manifest).
  if (error.message.contains(QStringLiteral("created, but its PDF download failed")))
    return failWith(ManifestErrorKind::Uncertain,
                    QStringLiteral("The carrier made the manifests but one PDF could not be fetched (%1): print it "
                                   "from the carrier's website. Nothing was marked here; asking again is refused for "
                                   "the labels already on a manifest.")
                        .arg(error.message.section(QLatin1Char(','), 0, 0)));
  switch (error.kind) {
  case CarrierErrorKind::Validation:
  case CarrierErrorKind::NotFound:
    return failWith(ManifestErrorKind::Refused,
                    QStringLiteral("The carrier refused the manifest: %1").arg(error.message));
  case CarrierErrorKind::Auth:
    return failWith(ManifestErrorKind::Configuration,
                    QStringLiteral("The carrier refused the hub's API key: the hub's carrier settings need fixing."));
  case CarrierErrorKind::Stopped:
  case CarrierErrorKind::RateLimited:
  case CarrierErrorKind::Server:
    return failWith(ManifestErrorKind::CarrierUnavailable,
                    QStringLiteral("The carrier is not answering (%1): no manifest was made and no label marked. Ask "
                                   "again in a few minutes.")
                        .arg(error.httpStatus > 0 ? QStringLiteral("HTTP %1").arg(error.httpStatus)
                                                  : carriers::carrierErrorKindName(error.kind)));
  case CarrierErrorKind::Timeout:
  case CarrierErrorKind::Lost:
  case CarrierErrorKind::Protocol: break;
  }
  return failWith(ManifestErrorKind::Uncertain,
                  QStringLiteral("The carrier's answer was lost: the manifests may have been made. Check the "
                                 "carrier's manifests of today before asking again; nothing was marked here."));
}

} // namespace pb::hub
