// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/slippreviewdialog.h"

#include "ui/printing/systemprinter.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pb::ui {

namespace {
constexpr int kPreviewDpi = 90;
} // namespace

SlipPreviewDialog::SlipPreviewDialog(documents::SlipData slip, printing::SlipPaper paper, QString customTemplate,
                                     const QString &templateFolder, QWidget *parent)
    : QDialog(parent)
    , m_slip(std::move(slip))
    , m_renderer(paper, std::move(customTemplate))
{
  setWindowTitle(tr("Packing slip %1").arg(m_slip.orderName));
  setObjectName(QStringLiteral("slipPreviewDialog"));
  m_renderer.setTemplateFolder(templateFolder); // the template's images, as the bench prints them
  m_image = new QLabel(this);
  m_image->setTextFormat(Qt::PlainText); // an error quoting the merchant's template, when there is no image
  m_image->setObjectName(QStringLiteral("slipPreviewImage"));
  m_image->setAlignment(Qt::AlignCenter);
  auto *scroll = new QScrollArea(this);
  scroll->setWidget(m_image);
  scroll->setWidgetResizable(true);
  scroll->setMinimumSize(480, 360); // scrolls on a small screen; sized to the page below

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
  m_printButton = buttons->addButton(tr("Print"), QDialogButtonBox::AcceptRole);
  m_printButton->setObjectName(QStringLiteral("slipPreviewPrint"));
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_printButton, &QPushButton::clicked, this, &SlipPreviewDialog::print);

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
  // A Letter page at the preview's resolution, or what the screen has room for.
  const QSize page = m_image->sizeHint() + QSize(40, 120);
  const QRect room = screen() ? screen()->availableGeometry() : QRect(0, 0, page.width(), page.height());
  resize(std::min(page.width(), room.width()), std::min(page.height(), room.height() - 40));
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

void SlipPreviewDialog::print()
{
  // The render and the send run off the window's thread, and so does finding the default printer when
  // printing.slip_printer is empty: a CUPS that does not answer must not freeze the preview. One send at a time.
  m_printButton->setEnabled(false);
  m_status->setText(m_printer.isEmpty() ? tr("Sending to the default printer…") : tr("Sending to %1…").arg(m_printer));
  auto *watcher = new QFutureWatcher<printing::PrinterDelivery>(this);
  connect(watcher, &QFutureWatcher<printing::PrinterDelivery>::finished, this, [this, watcher] {
    watcher->deleteLater();
    m_printButton->setEnabled(true);
    const printing::PrinterDelivery delivery = watcher->result();
    if (delivery.printer.isEmpty()) {
      m_status->setText(tr("No printer: set printing.slip_printer, or a default printer on this computer"));
      return;
    }
    const QString &printer = delivery.printer;
    m_status->setText(!delivery.printed ? tr("Not printed on %1: %2").arg(printer, delivery.error)
                      : delivery.incomplete
                          ? tr("Sent to %1, with characters no installed font has: %2").arg(printer, delivery.error)
                          : tr("Sent to %1").arg(printer));
  });
  watcher->setFuture(QtConcurrent::run([renderer = m_renderer, slip = m_slip, printer = m_printer] {
    return printing::SystemPrinter::printSlip(renderer, slip, printer);
  }));
}

} // namespace pb::ui
