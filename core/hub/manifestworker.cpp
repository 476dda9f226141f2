// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/hub/manifestworker.h"

#include <QLoggingCategory>

#include <algorithm>

namespace pb::hub {

namespace {
Q_LOGGING_CATEGORY(lcManifests, "packbench.core.hub.manifestworker")

using carriers::CarrierErrorKind;

constexpr int kPerPass = 20; // warehouses per pass; more wait for the next one
} // namespace

ManifestWorker::ManifestWorker(QSqlDatabase db, carriers::Carrier &carrier, QString workerId, int leaseSeconds,
                               ManifestRetry retry)
    : m_db(std::move(db))
    , m_carrier(carrier)
    , m_workerId(std::move(workerId))
    , m_leaseSeconds(leaseSeconds)
    , m_retry(retry)
{}

ManifestWorker::~ManifestWorker() = default;

Result<int> ManifestWorker::runOnce()
{
  if (Status released = manifestrequests::releaseOwnLeases(m_db, m_workerId); !released)
    return released.error();
  QList<qint64> taken; // a request put back for later waits for the next pass
  while (taken.size() < kPerPass) {
    auto job = manifestrequests::claimNext(m_db, m_workerId, m_leaseSeconds, m_retry.maxAttempts, taken);
    if (!job)
      return job.error();
    if (!job->has_value())
      break;
    taken.append((*job)->requestId);
    if (Status done = work(**job); !done)
      return done.error();
  }
  return static_cast<int>(taken.size());
}

Status ManifestWorker::work(const ManifestJob &job)
{
  if (job.labels.isEmpty()) {
    ++m_failed;
    return manifestrequests::fail(m_db, job, m_workerId, ManifestErrorKind::NothingToManifest,
                                  QStringLiteral("No labels to put on a manifest: every label bought here is on one "
                                                 "already, or voided."));
  }
  // Labels an earlier call sent without a known answer may be on a manifest: asked about before any is sent again.
  QStringList maybeOnManifest;
  for (const ManifestLabel &label : job.labels) {
    if (label.sentBefore)
      maybeOnManifest.append(label.labelId);
  }
  QList<carriers::Manifest> recovered;
  if (!maybeOnManifest.isEmpty()) {
    auto found = carriers::waitFor<QList<carriers::Manifest>>([&](carriers::Done<QList<carriers::Manifest>> done) {
      m_carrier.findManifests(maybeOnManifest, std::move(done));
    });
    if (!found)
      return settleLookupError(job, found.error());
    recovered = std::move(found).value();
  }
  QList<ManifestLabel> unsent;
  for (const ManifestLabel &label : job.labels) {
    const bool onOne = std::any_of(recovered.cbegin(), recovered.cend(),
                                   [&](const carriers::Manifest &m) { return m.labelIds.contains(label.labelId); });
    if (!onOne)
      unsent.append(label);
  }
  QList<carriers::Manifest> made;
  if (!unsent.isEmpty()) {
    // Marked first: if the answer is lost, the next attempt knows to look these labels up.
    if (Status marked = manifestrequests::markSent(m_db, job, unsent, m_workerId); !marked) {
      qCWarning(lcManifests).noquote() << "manifest request" << job.requestId << "not sent:" << marked.error().message;
      return marked.error().kind == ErrorKind::Conflict ? Status{} : marked;
    }
    carriers::ManifestRequest request;
    for (const ManifestLabel &label : std::as_const(unsent))
      request.labelIds.append(label.labelId);
    // Exactly these labels: one manifest per carrier among them. The adapter sends it once.
    auto manifests = carriers::waitFor<QList<carriers::Manifest>>(
        [&](carriers::Done<QList<carriers::Manifest>> done) { m_carrier.createManifest(request, std::move(done)); });
    if (!manifests)
      return settleError(job, manifests.error());
    made = std::move(manifests).value();
  }
  if (Status stored = manifestrequests::storeManifests(m_db, job, made, recovered, m_workerId); !stored) {
    // The carrier made them and the database did not take them: the labels' marks send the next attempt to look first.
    qCWarning(lcManifests).noquote() << "manifest request" << job.requestId
                                     << "made but not stored:" << stored.error().message;
    return stored;
  }
  m_made += static_cast<int>(made.size());
  m_recovered += static_cast<int>(recovered.size());
  qCInfo(lcManifests) << "manifest request" << job.requestId << ":" << made.size() << "manifest(s) made,"
                      << recovered.size() << "recovered, for" << job.labels.size() << "label(s)";
  return {};
}

Status ManifestWorker::settleLookupError(const ManifestJob &job, const carriers::CarrierError &error)
{
  qCWarning(lcManifests).noquote() << "manifest request" << job.requestId << "attempt" << job.attempt
                                   << "could not look manifests up:" << carriers::carrierErrorKindName(error.kind)
                                   << error.httpStatus << error.requestId;
  if (error.kind == CarrierErrorKind::Auth) {
    ++m_failed;
    return manifestrequests::fail(
        m_db, job, m_workerId, ManifestErrorKind::Configuration,
        QStringLiteral("The carrier refused the hub's API key: the hub's carrier settings need fixing."));
  }
  // Nothing sent, stored or marked: the same lookup comes first next time.
  return manifestrequests::retryLater(
      m_db, job, m_workerId, m_retry.delaySeconds,
      QStringLiteral("An earlier answer of the carrier was lost and the carrier could not be asked which manifests it "
                     "made (%1): the hub asks again shortly and sends no label before it knows.")
          .arg(error.httpStatus > 0 ? QStringLiteral("HTTP %1").arg(error.httpStatus)
                                    : carriers::carrierErrorKindName(error.kind)));
}

Status ManifestWorker::settleError(const ManifestJob &job, const carriers::CarrierError &error)
{
  qCWarning(lcManifests).noquote() << "manifest request" << job.requestId
                                   << "not made:" << carriers::carrierErrorKindName(error.kind) << error.httpStatus
                                   << error.requestId;
  const auto failWith = [&](ManifestErrorKind kind, const QString &message) {
    ++m_failed;
    return manifestrequests::fail(m_db, job, m_workerId, kind, message);
  };
  const auto lookUpLater = [&](const QString &message) {
    return manifestrequests::retryLater(m_db, job, m_workerId, m_retry.delaySeconds, message);
  };
  // The adapter made the manifests and only a PDF download failed (its message names the manifest).
  if (error.message.contains(QStringLiteral("created, but its PDF download failed")))
    return lookUpLater(QStringLiteral("The carrier made the manifests but one PDF could not be fetched (%1): the hub "
                                      "looks them up again shortly.")
                           .arg(error.message.section(QLatin1Char(','), 0, 0)));
  switch (error.kind) {
  case CarrierErrorKind::Validation:
  case CarrierErrorKind::NotFound:
    return failWith(ManifestErrorKind::Refused,
                    QStringLiteral("The carrier refused the manifest: %1").arg(error.message));
  case CarrierErrorKind::Auth:
    return failWith(ManifestErrorKind::Configuration,
                    QStringLiteral("The carrier refused the hub's API key: the hub's carrier settings need fixing."));
  case CarrierErrorKind::RateLimited:
  case CarrierErrorKind::Server:
    return failWith(ManifestErrorKind::CarrierUnavailable,
                    QStringLiteral("The carrier is not answering (%1): no manifest was made and no label marked. Ask "
                                   "again in a few minutes.")
                        .arg(error.httpStatus > 0 ? QStringLiteral("HTTP %1").arg(error.httpStatus)
                                                  : carriers::carrierErrorKindName(error.kind)));
  case CarrierErrorKind::Stopped: // the hub is stopping: the next one looks up first
  case CarrierErrorKind::Timeout:
  case CarrierErrorKind::Lost:
  case CarrierErrorKind::Protocol: break;
  }
  return lookUpLater(QStringLiteral("The carrier's answer was lost: the hub looks up which manifests the carrier made "
                                    "before it sends any label again."));
}

} // namespace pb::hub
