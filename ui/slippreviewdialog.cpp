// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/slippreviewdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pb::ui {

namespace {
constexpr int kPreviewDpi = 90;
} // namespace

SlipPreviewDialog::SlipPreviewDialog(documents::SlipData slip, printing::SlipPaper paper, QString customTemplate,
                                     QWidget *parent)
    : QDialog(parent)
    , m_slip(std::move(slip))
    , m_renderer(paper, std::move(customTemplate))
{
  setWindowTitle(tr("Packing slip %1").arg(m_slip.orderName));
  setObjectName(QStringLiteral("slipPreviewDialog"));
  m_image = new QLabel(this);
  m_image->setTextFormat(Qt::PlainText); // an error quoting the merchant's template, when there is no image
  m_image->setObjectName(QStringLiteral("slipPreviewImage"));
  m_image->setAlignment(Qt::AlignCenter);
  auto *scroll = new QScrollArea(this);
  scroll->setWidget(m_image);
  scroll->setWidgetResizable(true);
  scroll->setMinimumSize(620, 720);

  m_page = new QSpinBox(this);
  m_page->setObjectName(QStringLiteral("slipPreviewPage"));
  m_status = new QLabel(this);
  m_status->setTextFormat(Qt::PlainText);
  m_status->setObjectName(QStringLiteral("slipPreviewStatus"));
  auto *pageRow = new QHBoxLayout;
  pageRow->addWidget(new QLabel(tr("Page"), this));
  pageRow->addWidget(m_page);
  pageRow->addWidget(m_status, 1);

  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton *print = buttons->addButton(tr("Print"), QDialogButtonBox::AcceptRole);
  print->setObjectName(QStringLiteral("slipPreviewPrint"));
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(print, &QPushButton::clicked, this, [this] {
    Q_EMIT printRequested();
    accept();
  });

  auto *layout = new QVBoxLayout(this);
  layout->addWidget(scroll, 1);
  layout->addLayout(pageRow);
  layout->addWidget(buttons);

  printing::SlipRenderInfo info;
  if (auto pdf = m_renderer.renderPdf(m_slip, &info); !pdf)
    m_status->setText(tr("Cannot render the slip: %1").arg(pdf.error().message));
  m_pages = info.pages;
  m_page->setRange(1, std::max(1, m_pages));
  connect(m_page, &QSpinBox::valueChanged, this, [this](int page) { showPage(page - 1); });
  if (info.usedFallback)
    m_status->setText(tr("The custom template failed (%1); showing the built-in slip.").arg(info.templateError));
  showPage(0);
}

SlipPreviewDialog::~SlipPreviewDialog() = default;

int SlipPreviewDialog::currentPage() const
{
  return m_page->value() - 1;
}

void SlipPreviewDialog::showPage(int page)
{
  auto image = m_renderer.renderPageImage(m_slip, page, kPreviewDpi);
  if (!image) {
    m_image->setText(image.error().message);
    return;
  }
  m_image->setPixmap(QPixmap::fromImage(image.value()));
  if (m_status->text().isEmpty() || m_status->text().startsWith(tr("Page")))
    m_status->setText(tr("Page %1 of %2").arg(page + 1).arg(m_pages));
}

} // namespace pb::ui
