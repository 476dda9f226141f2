// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/shopify/catalogue.h"

#include <QUrl>

class QIODevice;
class QNetworkAccessManager;

namespace pb::shopify::catalogue {

// Reads the JSONL of a CatalogueBulkExport bulk operation: one object a line, products first or not
// (lines are tied by __parentId: a variant to its product, a media to its variant). Each product comes
// back with every variant it has (the export is the whole catalogue). InvalidInput names the bad line.
Result<QList<ShopifyProduct>> readBulkExport(QIODevice &jsonl);

// Downloads a bulk operation's result to `out`, streamed (a 100k-variant export is tens of MB). The URL
// is a signed link on another host: no Shopify access token goes with it. timeoutMs: the most a transfer
// may stall. Unavailable on a network error, 5xx or stall (worth retrying); InvalidInput on 4xx (expired).
Status download(QNetworkAccessManager &network, const QUrl &url, QIODevice &out, int timeoutMs);

} // namespace pb::shopify::catalogue
