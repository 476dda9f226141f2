// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/config/configkeys.h"

namespace pb::config {

const QList<const KeyDef *> &allKeys()
{
  using namespace keys;
  static const QList<const KeyDef *> all = {
      &Environment.def,
      &StationId.def,
      &StationShop.def,
      &StationLocation.def,
      &StationIdleLockMinutes.def,
      &StationIdleReleaseMinutes.def,
      &StationOfflinePacking.def,
      &StationPrefetch.def,
      &StationSounds.def,
      &ScanningPrefix.def,
      &ScanningSuffix.def,
      &ScanningMaxGapMs.def,
      &ScanningMinLength.def,
      &ScanningUndoCapsLock.def,
      &ScanningScannerLayout.def,
      &ScanningBadgePrefix.def,
      &ScanningSerialPort.def,
      &ScanningSerialBaud.def,
      &PackingAutoComplete.def,
      &PackingManualNeedsLead.def,
      &DatabaseDriver.def,
      &DatabaseSqlitePath.def,
      &DatabaseHost.def,
      &DatabasePort.def,
      &DatabaseName.def,
      &DatabaseUser.def,
      &DatabaseSslMode.def,
      &DatabaseSslRootCert.def,
      &DatabaseSslCert.def,
      &DatabaseSslKey.def,
      &DatabaseLinkTimeoutSeconds.def,
      &DatabasePassword.def,
      &LogLevel.def,
      &LogFormat.def,
      &LogFile.def,
      &LogMaxSizeMb.def,
      &LogMaxFiles.def,
      &PrintSlipPrinter.def,
      &PrintLabelPrinter.def,
      &PrintSlipPaper.def,
      &PrintSlipTemplate.def,
      &PrintCarrierLabels.def,
      &PrintCarrierLabelFormat.def,
      &PrintLabelPdfPrinter.def,
      &PrintAutoPrint.def,
      &HubListenAddress.def,
      &HubPort.def,
      &HubMaxBodyBytes.def,
      &HubIngestThreads.def,
      &HubInboxWriters.def,
      &HubIngestBatch.def,
      &ShopifyShop.def,
      &ShopifyMirrorFulfillmentOrders.def,
      &ShopifyLocationCodes.def,
      &ShopifyApiVersion.def,
      &ShopifyAdminBaseUrl.def,
      &ShopifyAccessToken.def,
      &ShopifyWebhookSecret.def,
      &ShopifyShopsFile.def,
      &ShopifyWebhookMaxAgeSeconds.def,
      &ShopifyRequestTimeoutMs.def,
      &ShopifyMaxRetries.def,
      &ShopifyBackoffBaseMs.def,
      &HubInboxProcessing.def,
      &HubInboxNice.def,
      &HubInboxBatchSize.def,
      &HubWebhookRetentionDays.def,
      &HubLabelRetentionDays.def,
      &HubOutboxLeaseSeconds.def,
      &HubOutboxMaxAttempts.def,
      &HubOutboxWorkers.def,
      &HubReapIntervalSeconds.def,
      &HubReconcileIntervalSeconds.def,
      &HubStopGraceSeconds.def,
      &CarrierApiKey.def,
      &CarrierApiBaseUrl.def,
      &CarrierRequestTimeoutMs.def,
      &CarrierMaxRetries.def,
      &CarrierBackoffBaseMs.def,
      &CarrierLabelWorkers.def,
      &CarrierRequestsPerMinute.def,
      &TrackingRequestsPerMinute.def,
      &TrackingFirstIntervalSeconds.def,
      &TrackingMaxIntervalSeconds.def,
      &TrackingGiveUpDays.def,
  };
  return all;
}

QString toQString(std::string_view text)
{
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

const KeyDef *findKey(QStringView name)
{
  for (const KeyDef *key : allKeys()) {
    // Key names are ASCII: compare as Latin-1 rather than building a QString per key and lookup.
    if (name == QLatin1String(key->name.data(), static_cast<qsizetype>(key->name.size())))
      return key;
  }
  return nullptr;
}

QString environmentName(const KeyDef &key)
{
  QString name = toQString(key.name).toUpper();
  name.replace(QLatin1Char('.'), QLatin1Char('_'));
  return QStringLiteral("PACKBENCH_") + name;
}

} // namespace pb::config
