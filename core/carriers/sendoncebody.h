// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>

#include <cstring>

namespace pb::carriers {

// A request body that can be read once and never rewound. QNetworkAccessManager (Qt 6.4) sends a request
// again, POST included, when its connection closes before any answer arrives
// (QHttpNetworkConnectionChannel::handleUnexpectedEOF); for a label purchase that repeat could buy a
// second label. Refusing reset() makes the reply fail with ContentReSendError instead, and the adapter
// looks the label up by external_shipment_id. (core/shopify/graphqlclient.cpp has the same guard.)
class SendOnceBody final : public QIODevice {
public:
  SendOnceBody(QByteArray bytes, QObject *parent)
      : QIODevice(parent)
      , m_bytes(std::move(bytes))
  {
    open(QIODevice::ReadOnly);
  }
  bool isSequential() const override { return true; }
  qint64 bytesAvailable() const override { return m_bytes.size() - m_offset + QIODevice::bytesAvailable(); }
  bool reset() override { return false; }

protected:
  qint64 readData(char *data, qint64 maxSize) override
  {
    const qint64 n = std::min<qint64>(maxSize, m_bytes.size() - m_offset);
    std::memcpy(data, m_bytes.constData() + m_offset, static_cast<size_t>(n));
    m_offset += n;
    return n;
  }
  qint64 writeData(const char *, qint64) override { return -1; }

private:
  QByteArray m_bytes;
  qint64 m_offset = 0;
};

} // namespace pb::carriers
