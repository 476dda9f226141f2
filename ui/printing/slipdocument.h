// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTextDocument>
#include <QUrl>

namespace pb::printing {

// A slip's document: a merchant's template may show images from data: URIs, the compiled-in resources
// and files inside its own template folder, and nothing else (no other file on the station, no network).
class SlipDocument final : public QTextDocument {
  Q_OBJECT

public:
  // templateFolder: where the custom template lives; empty allows no files at all.
  explicit SlipDocument(const QString &templateFolder, QObject *parent = nullptr);
  ~SlipDocument() override;
  Q_DISABLE_COPY_MOVE(SlipDocument)

  static constexpr qint64 kMaxResourceBytes = 5 * 1024 * 1024;

  // The bytes `name` stands for under these rules, or a null array when it is not allowed or not there.
  static QByteArray allowedResource(const QString &templateFolder, const QUrl &name);

protected:
  QVariant loadResource(int type, const QUrl &name) override;

private:
  QString m_folder;
  bool m_warned = false;
};

} // namespace pb::printing
