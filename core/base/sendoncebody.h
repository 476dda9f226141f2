// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <cstring>

namespace pb {

// A request body that can be read once and never rewound. QNetworkAccessManager (Qt 6.4) sends a request
// again, POST included, when its connection closes before any answer arrives
// (QHttpNetworkConnectionChannel::handleUnexpectedEOF). Qt rewinds the body first; refusing makes the reply
// fail with ContentReSendError instead, so the caller checks before it sends again: a Shopify mutation may
// already be applied (the outbox asks Shopify), a label may already be bought (found by external_shipment_id).
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

// POSTs body as a SendOnceBody the reply owns. Streamed, not buffered by Qt (a buffered copy could be rewound):
// that needs the length up front.
inline QNetworkReply *postOnce(QNetworkAccessManager &network, QNetworkRequest request, const QByteArray &body)
{
  request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
  request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
  auto *device = new SendOnceBody(body, nullptr);
  QNetworkReply *reply = network.post(request, device);
  device->setParent(reply);
  return reply;
}

} // namespace pb
