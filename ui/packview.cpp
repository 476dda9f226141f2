// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/packview.h"

#include "core/station/stationcontroller.h"
#include "ui/benchtable.h"
#include "ui/boxweightpanel.h"
#include "ui/customertextlabel.h"
#include "ui/feedbacksounds.h"
#include "ui/packlinesmodel.h"
#include "ui/statusbanner.h"

#include <QAction>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <functional>

namespace pb::ui {

namespace {
Q_LOGGING_CATEGORY(lcPackView, "packbench.ui.packview")

using packing::Outcome;
using Cue = FeedbackSounds::Cue;

// "Trailhead 28L Daypack · Moss": the variant is often all that tells two items apart.
QString itemName(const QString &title, const QString &variant)
{
  return variant.isEmpty() ? title : title + QStringLiteral(" · ") + variant;
}

// Holds the banner without a layout: a text change then re-lays out nothing but the banner itself
// (a word-wrapped label in a layout re-lays out the whole window on every scan).
class BannerHost final : public QWidget {
public:
  explicit BannerHost(QWidget *parent)
      : QWidget(parent)
  {}
  void resizeEvent(QResizeEvent *) override
  {
    for (QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
      child->setGeometry(rect());
  }
};

QLabel *makeLabel(QWidget *parent, const QString &name, int pointSize, bool bold = false)
{
  auto *label = new QLabel(parent);
  label->setObjectName(name);
  QFont font = label->font();
  font.setPointSize(pointSize);
  font.setBold(bold);
  label->setFont(font);
  label->setWordWrap(true);
  label->setTextFormat(Qt::PlainText); // order names, shipping methods, tracking numbers: the shop's data, not markup
  return label;
}
} // namespace

PackView::PackView(const Clock &clock, FeedbackSounds &sounds, station::StationController &controller, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_sounds(sounds)
    , m_controller(controller)
{
  setObjectName(QStringLiteral("packView"));
  buildUi();
}

PackView::~PackView() = default;

void PackView::buildUi()
{
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(10);

  auto *header = new QHBoxLayout;
  m_orderLabel = makeLabel(this, QStringLiteral("orderLabel"), 26, true);
  m_orderLabel->setWordWrap(false);
  header->addWidget(m_orderLabel);
  m_detailsLabel = makeLabel(this, QStringLiteral("orderDetailsLabel"), 15);
  header->addWidget(m_detailsLabel, 1);
  m_boxLabel = makeLabel(this, QStringLiteral("boxLabel"), 22, true);
  m_boxLabel->setWordWrap(false);
  m_boxLabel->setStyleSheet(
      QStringLiteral("QLabel { border: 3px solid #2b3440; border-radius: 6px; padding: 4px 14px; }"));
  header->addWidget(m_boxLabel);
  layout->addLayout(header);

  m_noteLabel = new CustomerTextLabel(QStringLiteral("noteLabel"), 15, false, this);
  m_noteLabel->setStyleSheet(QStringLiteral("QLabel { background: #fff4c2; color: #3a2c00; padding: 6px; }"));
  layout->addWidget(m_noteLabel);
  m_giftLabel = new CustomerTextLabel(QStringLiteral("giftLabel"), 15, true, this);
  m_giftLabel->setStyleSheet(QStringLiteral("QLabel { background: #f3e5ff; color: #3b0a57; padding: 6px; }"));
  layout->addWidget(m_giftLabel);
  m_trackingLabel = makeLabel(this, QStringLiteral("trackingLabel"), 15);
  layout->addWidget(m_trackingLabel);

  auto *bannerHost = new BannerHost(this);
  bannerHost->setFixedHeight(150); // two lines of headline and the hint
  bannerHost->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  m_banner = new StatusBanner(bannerHost);
  m_banner->setObjectName(QStringLiteral("packBanner"));
  m_banner->setShrinksToFit(true);
  layout->addWidget(bannerHost);

  m_progress = new QProgressBar(this);
  m_progress->setObjectName(QStringLiteral("packProgress"));
  m_progress->setAccessibleName(tr("Items verified"));
  m_progress->setMinimumHeight(34);
  QFont progressFont = m_progress->font();
  progressFont.setPointSize(15);
  progressFont.setBold(true);
  m_progress->setFont(progressFont);
  m_progress->setStyleSheet(QStringLiteral("QProgressBar { border: 2px solid #2b3440; border-radius: 6px; "
                                           "text-align: center; background: #e8ebef; color: #10151b; } "
                                           "QProgressBar::chunk { background: #2f9e55; }"));
  layout->addWidget(m_progress);

  m_model = new PackLinesModel(this);
  m_table = new QTableView(this);
  m_table->setObjectName(QStringLiteral("packLinesTable"));
  m_table->setAccessibleName(tr("Items in this order"));
  m_table->setModel(m_model);
  // No selection highlight: it would hide the line's state colour. The current line gets a marker.
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  setBenchHeaderFont(m_table);
  // Sized once per order (setSession): ResizeToContents would re-measure every row on every scan.
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  m_table->horizontalHeader()->setSectionResizeMode(PackLinesModel::Item, QHeaderView::Stretch);
  QFont tableFont = m_table->font();
  tableFont.setPointSize(15);
  m_table->setFont(tableFont);
  m_table->verticalHeader()->setDefaultSectionSize(40);
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, m_model,
          [this](const QModelIndex &current) { m_model->setCurrentRow(current.isValid() ? current.row() : -1); });
  layout->addWidget(m_table, 1);

  buildPanels();

  m_keysLabel = makeLabel(this, QStringLiteral("keysLabel"), 13);
  m_keysLabel->setStyleSheet(QStringLiteral("QLabel { color: #2b3440; }"));
  layout->addWidget(m_keysLabel);
  showKeys(Keys::Packing);
  // A recorded order stays on the screen until F8: its packing keys do nothing then.
  connect(&m_controller, &station::StationController::orderFinished, this, [this]() { showKeys(Keys::Finished); });
  // While labels are awaited the packing keys do nothing: only asking again and the hold do. The wait ends with the
  // order recorded (orderFinished) or the order off the bench (setSession).
  connect(&m_controller, &station::StationController::labelsAwaited, this,
          [this]() { showKeys(Keys::AwaitingLabels); });

  // F6 and F9 run what PB*NEXTBOX and PB*COMPLETE run; F2, F4 and F10 open a panel first; F3 unfolds a cut note.
  const QList<std::pair<QKeySequence, std::function<void()>>> keys = {
      {Qt::Key_F2, [this]() { showManualEntry(); }},       // manual quantity
      {Qt::Key_F3, [this]() { toggleWholeNote(); }},       // a cut note or gift message whole
      {Qt::Key_F4, [this]() { showHoldPanel(); }},         // hold with a reason
      {Qt::Key_F6, [this]() { m_controller.nextBox(); }},  // the next box
      {Qt::Key_F9, [this]() { m_controller.complete(); }}, // complete
      {Qt::Key_F10, [this]() { showPartialPanel(); }}};    // ship partial with a reason
  for (const auto &[sequence, run] : keys) {
    auto *action = new QAction(this);
    action->setShortcut(sequence);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, run);
    addAction(action);
  }
  setFocusProxy(m_table);
}

void PackView::toggleWholeNote()
{
  // Only a cut note or gift message has more to show; shown whole, F3 fits them again.
  const bool whole = !(m_noteLabel->showsWhole() || m_giftLabel->showsWhole());
  if (whole && !m_noteLabel->isCut() && !m_giftLabel->isCut())
    return;
  m_noteLabel->showWhole(whole);
  m_giftLabel->showWhole(whole);
}

void PackView::buildPanels()
{
  const QString panelStyle = QStringLiteral("QFrame#%1 { border: 3px solid #1a5fb4; border-radius: 8px; "
                                            "background: #eef4fc; } QLabel, QSpinBox, QComboBox, QLineEdit, "
                                            "QPushButton { font-size: 15pt; } QSpinBox { min-width: 4em; }");
  m_manualPanel = new QFrame(this);
  m_manualPanel->setObjectName(QStringLiteral("manualPanel"));
  m_manualPanel->setStyleSheet(panelStyle.arg(m_manualPanel->objectName()));
  // Two rows: what is counted, then who approves it (a lead's badge and PIN need room to be read).
  auto *manualRows = new QVBoxLayout(m_manualPanel);
  auto *manual = new QHBoxLayout;
  auto *approval = new QHBoxLayout;
  manualRows->addLayout(manual);
  manualRows->addLayout(approval);
  m_manualTitle = new QLabel(m_manualPanel);
  m_manualTitle->setObjectName(QStringLiteral("manualTitle"));
  m_manualTitle->setWordWrap(true); // a long product title must not widen the window past a small bench screen
  manual->addWidget(m_manualTitle, 1);
  auto *quantityLabel = new QLabel(tr("&Quantity:"), m_manualPanel);
  m_manualQuantity = new QSpinBox(m_manualPanel);
  m_manualQuantity->setObjectName(QStringLiteral("manualQuantity"));
  m_manualQuantity->setAccessibleName(tr("Quantity"));
  quantityLabel->setBuddy(m_manualQuantity);
  manual->addWidget(quantityLabel);
  manual->addWidget(m_manualQuantity);
  auto *reasonLabel = new QLabel(tr("&Reason:"), m_manualPanel);
  m_manualReason = new QComboBox(m_manualPanel);
  m_manualReason->setObjectName(QStringLiteral("manualReason"));
  m_manualReason->setAccessibleName(tr("Reason"));
  m_manualReason->setEditable(true);
  m_manualReason->addItems({tr("Barcode damaged"), tr("No barcode on item"), tr("Barcode will not scan")});
  reasonLabel->setBuddy(m_manualReason);
  manual->addWidget(reasonLabel);
  manual->addWidget(m_manualReason);
  auto *approverLabel = new QLabel(tr("&Lead badge:"), m_manualPanel);
  m_manualApprover = new QLineEdit(m_manualPanel);
  m_manualApprover->setObjectName(QStringLiteral("manualApprover"));
  m_manualApprover->setAccessibleName(tr("Lead badge"));
  m_manualApprover->setPlaceholderText(tr("scan lead badge"));
  m_manualApprover->setMinimumWidth(220);
  approverLabel->setBuddy(m_manualApprover);
  approval->addStretch(1);
  approval->addWidget(approverLabel);
  approval->addWidget(m_manualApprover);
  auto *pinLabel = new QLabel(tr("P&IN:"), m_manualPanel);
  m_manualPin = new QLineEdit(m_manualPanel);
  m_manualPin->setObjectName(QStringLiteral("manualPin"));
  m_manualPin->setAccessibleName(tr("Lead PIN"));
  m_manualPin->setEchoMode(QLineEdit::Password);
  m_manualPin->setMaximumWidth(160);
  pinLabel->setBuddy(m_manualPin);
  approval->addWidget(pinLabel);
  approval->addWidget(m_manualPin);
  auto *record = new QPushButton(tr("Record"), m_manualPanel);
  record->setObjectName(QStringLiteral("manualRecord"));
  approval->addWidget(record);
  connect(record, &QPushButton::clicked, this, &PackView::submitManual);
  // A badge alone approves nothing: Enter in the badge field moves on to the PIN.
  connect(m_manualApprover, &QLineEdit::returnPressed, this, &PackView::submitManual);
  connect(m_manualPin, &QLineEdit::returnPressed, this, &PackView::submitManual);
  connect(m_manualReason->lineEdit(), &QLineEdit::returnPressed, this, &PackView::submitManual);
  setTabOrder(m_manualQuantity, m_manualReason);
  setTabOrder(m_manualReason, m_manualApprover);
  setTabOrder(m_manualApprover, m_manualPin);
  setTabOrder(m_manualPin, record);
  layout()->addWidget(m_manualPanel);
  m_manualPanel->hide();

  m_reasonPanel = new QFrame(this);
  m_reasonPanel->setObjectName(QStringLiteral("reasonPanel"));
  m_reasonPanel->setStyleSheet(panelStyle.arg(m_reasonPanel->objectName()));
  auto *reason = new QHBoxLayout(m_reasonPanel);
  m_reasonTitle = new QLabel(m_reasonPanel);
  m_reasonTitle->setObjectName(QStringLiteral("reasonTitle"));
  reason->addWidget(m_reasonTitle);
  m_reasonCombo = new QComboBox(m_reasonPanel);
  m_reasonCombo->setObjectName(QStringLiteral("reasonCombo"));
  m_reasonCombo->setAccessibleName(tr("Reason"));
  m_reasonCombo->setEditable(true);
  m_reasonTitle->setBuddy(m_reasonCombo);
  reason->addWidget(m_reasonCombo, 1);
  auto *confirm = new QPushButton(tr("Confirm"), m_reasonPanel);
  confirm->setObjectName(QStringLiteral("reasonConfirm"));
  reason->addWidget(confirm);
  connect(confirm, &QPushButton::clicked, this, &PackView::submitReason);
  connect(m_reasonCombo->lineEdit(), &QLineEdit::returnPressed, this, &PackView::submitReason);
  layout()->addWidget(m_reasonPanel);
  m_reasonPanel->hide();
  m_weightPanel = new BoxWeightPanel(m_controller, this); // a carrier label needs the box's weight
  layout()->addWidget(m_weightPanel);
  connect(&m_controller, &station::StationController::weightRequested, m_weightPanel, &BoxWeightPanel::ask);
}

void PackView::showKeys(Keys keys)
{
  switch (keys) {
  case Keys::Packing:
    m_keysLabel->setText(tr("F2 manual quantity · F4 hold · F6 next box · F9 complete · F10 ship partial · "
                            "Enter acknowledges an error"));
    break;
  case Keys::AwaitingLabels:
    m_keysLabel->setText(tr("Complete · waiting for the carrier label · F9 asks again · F4 puts the order on hold"));
    break;
  case Keys::Finished:
    m_keysLabel->setText(tr("F8 takes the next order · scan REPRINT to print its slip and label again"));
    break;
  }
}

void PackView::setSession(packing::PackSession *session)
{
  closePanels();
  showKeys(Keys::Packing);
  if (m_session)
    disconnect(m_session, nullptr, this, nullptr);
  m_session = session;
  m_model->setSession(m_session);
  if (!m_session)
    return;
  packing::PackSession *s = m_session;
  connect(s, &packing::PackSession::lineChanged, m_model, &PackLinesModel::lineChanged);
  connect(s, &packing::PackSession::feedbackGiven, this, &PackView::showFeedback);
  updateHeader();
  updateProgress();
  for (const int column : {PackLinesModel::Bin, PackLinesModel::Variant, PackLinesModel::Sku, PackLinesModel::Verified,
                           PackLinesModel::State}) {
    m_table->resizeColumnToContents(column);
    m_table->setColumnWidth(column, m_table->columnWidth(column) + 24); // room for "▶ " and "✔ Done"
  }
  if (const auto &pending = s->pendingError()) {
    showFeedback(*pending); // resumed with an error nobody acknowledged: it still stands
  } else {
    showReady();
  }
  m_table->setCurrentIndex(m_model->index(0, 0));
  m_table->setFocus();
}

void PackView::updateHeader()
{
  const packing::PackHeader &h = m_session->header();
  m_orderLabel->setText(h.orderName);
  QString details = h.shippingMethod;
  if (h.shipBy.isValid()) {
    const qint64 minutes = m_clock.nowUtc().secsTo(h.shipBy) / 60;
    details += u"  ·  " + (minutes < 0 ? tr("LATE — ship by %1").arg(h.shipBy.toLocalTime().toString(u"HH:mm"))
                                       : tr("ship by %1").arg(h.shipBy.toLocalTime().toString(u"HH:mm")));
  }
  m_detailsLabel->setText(details);
  m_noteLabel->setCustomerText(tr("Note: %1").arg(h.note));
  m_noteLabel->setVisible(!h.note.isEmpty());
  m_giftLabel->setCustomerText(tr("GIFT — add a card: “%1”").arg(h.giftMessage));
  m_giftLabel->setVisible(!h.giftMessage.isEmpty());
}

void PackView::updateProgress()
{
  if (!m_session)
    return;
  m_progress->setMaximum(std::max(1, m_session->expectedTotal()));
  m_progress->setValue(m_session->verifiedTotal());
  m_progress->setFormat(tr("%1 of %2 items verified").arg(m_session->verifiedTotal()).arg(m_session->expectedTotal()));
  m_boxLabel->setText(tr("Box %1").arg(m_session->boxNo()));
  updateTrackingLabel();
}

void PackView::showReady()
{
  const int left = m_session->expectedTotal() - m_session->verifiedTotal();
  m_banner->show(StatusBanner::Tone::Neutral, tr("Scan the items · %n to go", nullptr, left),
                 tr("Order %1").arg(m_session->header().orderName));
}

void PackView::leadBadgeScanned(const QString &badgeId)
{
  if (!m_manualPanel->isVisible())
    return;
  m_manualApprover->setText(badgeId); // the lead's badge selects the lead; their PIN approves
  m_manualPin->clear();
  m_manualPin->setFocus();
  m_banner->show(StatusBanner::Tone::Warning, tr("Lead badge %1 · type the lead's PIN").arg(badgeId),
                 tr("Enter approves · Esc cancels"));
}

QString PackView::itemsToGo(int left) const
{
  return left > 0 ? tr("%n item(s) to go", nullptr, left) : tr("All items verified — press F9 to complete");
}

void PackView::showFeedback(const packing::ScanFeedback &f)
{
  updateProgress();
  const int left = f.remaining;
  const QString ack = tr("Scan ACK or press Enter to continue");
  m_model->setErrorRow(f.outcome == Outcome::OverScan ? f.row : -1);
  switch (f.outcome) {
  case Outcome::Counted: {
    const packing::PackLine &line = m_session->lines().at(f.row);
    const QString counted =
        tr("✔ %1  %2 / %3").arg(itemName(line.title, line.variantTitle)).arg(line.verified).arg(line.expected);
    const QString toGo = itemsToGo(left);
    if (f.sameCodeRows.isEmpty()) {
      m_banner->show(StatusBanner::Tone::Good, counted, toGo);
    } else { // the scan cannot tell these items apart: the packer's eyes must
      QStringList others;
      for (const int row : f.sameCodeRows)
        others.append(itemName(m_session->lines().at(row).title, m_session->lines().at(row).variantTitle));
      m_banner->show(StatusBanner::Tone::Warning, counted,
                     tr("Same barcode as %1: check you hold %2 · %3")
                         .arg(others.join(QStringLiteral(", ")),
                              line.variantTitle.isEmpty() ? line.title : line.variantTitle, toGo));
    }
    m_table->setCurrentIndex(m_model->index(f.row, 0));
    m_sounds.play(Cue::Good);
    break;
  }
  case Outcome::WrongItem:
    m_banner->show(StatusBanner::Tone::Error, tr("✖ WRONG ITEM: %1").arg(itemName(f.itemTitle, f.itemVariant)),
                   tr("It is not on this order — put it back. %1").arg(ack));
    m_sounds.play(Cue::WrongItem);
    break;
  case Outcome::UnknownBarcode: {
    const QString layout = m_controller.layoutHint(f.code); // a scanner set to another keyboard layout
    m_banner->show(StatusBanner::Tone::Error, tr("✖ UNKNOWN BARCODE %1").arg(f.code),
                   !layout.isEmpty()     ? layout + QStringLiteral(" · ") + ack
                   : f.company.isEmpty() ? tr("Set the item aside for the lead. %1").arg(ack)
                                         : tr("If it is a %1 label: scan ACK, then scan it again").arg(f.company));
    m_sounds.play(Cue::Unknown);
    break;
  }
  case Outcome::OverScan:
    m_banner->show(StatusBanner::Tone::Error, tr("✖ TOO MANY: %1").arg(itemName(f.itemTitle, f.itemVariant)),
                   tr("This line is already complete — take one out. %1").arg(ack));
    m_table->setCurrentIndex(m_model->index(f.row, 0));
    m_sounds.play(Cue::OverScan);
    break;
  case Outcome::Unreadable:
    m_banner->show(StatusBanner::Tone::Error, tr("✖ BARCODE NOT READABLE"),
                   tr("Rescan, or press F2 to enter the quantity. %1").arg(ack));
    m_sounds.play(Cue::Unknown);
    break;
  case Outcome::StillBlocked:
    m_sounds.play(Cue::WrongItem); // the banner still shows the error that needs acknowledging
    break;
  case Outcome::Duplicate: m_banner->show(StatusBanner::Tone::Neutral, tr("Already counted"), itemsToGo(left)); break;
  case Outcome::Acknowledged:
    m_banner->show(StatusBanner::Tone::Neutral, tr("Error cleared · %n to go", nullptr, left), tr("Continue scanning"));
    m_sounds.play(Cue::Notice);
    break;
  case Outcome::BoxStarted:
    m_banner->show(StatusBanner::Tone::Neutral, tr("Box %1 started").arg(m_session->boxNo()),
                   tr("%n item(s) to go", nullptr, left));
    m_sounds.play(Cue::Notice);
    break;
  case Outcome::HoldRequested:
    m_banner->show(StatusBanner::Tone::Warning, tr("ON HOLD: %1").arg(f.detail),
                   tr("Put the items on the hold shelf: they are scanned again when the hold is released"));
    m_sounds.play(Cue::Notice);
    break;
  case Outcome::Completed: {
    const int boxes = m_session->boxesWithItems();
    const QString next = !f.detail.isEmpty() ? tr("Shipped partial (%1). The rest stays open in Shopify and is not "
                                                  "queued here again · F8 takes the next order")
                                                   .arg(f.detail)
                         : boxes > 1 ? tr("Seal the %1 boxes · F8 takes the next order").arg(boxes)
                                     : tr("Seal the box · F8 takes the next order");
    m_banner->show(StatusBanner::Tone::Good, tr("✔ ORDER %1 COMPLETE").arg(m_session->header().orderName), next);
    m_sounds.play(Cue::Complete);
    break;
  }
  case Outcome::Failed:
    qCWarning(lcPackView).noquote() << "not saved:" << f.detail;
    if (f.signInEnded) // the station shows the sign-in screen; this is what the packer finds after signing in
      m_banner->show(StatusBanner::Tone::Error, tr("✖ NOT SAVED — the sign-in had ended"),
                     tr("Nothing was counted. Repeat the last scan or step."));
    else
      m_banner->show(StatusBanner::Tone::Error, tr("✖ NOT SAVED — database problem"),
                     tr("Nothing was counted. Scan the item again; call the lead if this repeats."));
    m_sounds.play(Cue::Unknown);
    break;
  case Outcome::TrackingAttached:
  case Outcome::TrackingRefused: showTrackingFeedback(f); break;
  case Outcome::Refused: break; // the caller knows what was refused and says so
  }
}

void PackView::showRefusal(const QString &text)
{
  m_banner->show(StatusBanner::Tone::Warning, text);
  m_sounds.play(Cue::Notice);
}

int PackView::currentRow() const
{
  const QModelIndex current = m_table->currentIndex();
  return current.isValid() ? current.row() : 0;
}

void PackView::showManualEntry()
{
  if (!m_session || m_session->state() != packing::PackSession::State::Packing)
    return;
  closePanels();
  const int row = currentRow();
  const packing::PackLine &line = m_session->lines().at(row);
  if (line.done()) {
    showRefusal(tr("%1 is already complete").arg(line.title));
    return;
  }
  m_manualTitle->setText(tr("Manual: <b>%1</b> %2").arg(line.title.toHtmlEscaped(), line.variantTitle.toHtmlEscaped()));
  m_manualQuantity->setRange(1, line.expected - line.verified);
  m_manualQuantity->setValue(line.expected - line.verified);
  m_manualApprover->clear();
  m_manualPin->clear();
  m_manualPanel->show();
  m_controller.setManualApprovalOpen(true);
  m_manualQuantity->setFocus();
  m_manualQuantity->selectAll();
  m_banner->show(StatusBanner::Tone::Warning, tr("Manual quantity for %1").arg(line.title),
                 tr("Choose a reason, then a lead scans their badge and types their PIN · Esc cancels"));
}

void PackView::submitManual()
{
  if (!m_session || !m_manualPanel->isVisible())
    return;
  const QString badge = m_manualApprover->text().trimmed();
  if (m_session->needsLeadForManual() && badge.isEmpty()) {
    showRefusal(tr("A lead must scan their badge and type their PIN to approve"));
    m_manualApprover->setFocus(); // a lead may also type the badge and press Enter
    return;
  }
  if (m_session->needsLeadForManual() && m_manualPin->text().isEmpty()) {
    showRefusal(tr("Lead badge %1 · type the lead's PIN").arg(badge));
    m_manualPin->setFocus();
    return;
  }
  const auto result = m_controller.enterManual(currentRow(), m_manualQuantity->value(), m_manualReason->currentText(),
                                               badge, m_manualPin->text());
  m_manualPin->clear();
  if (result.outcome == Outcome::Refused) { // the controller said why
    if (result.approvalRefused) {
      m_manualApprover->clear();
      m_manualApprover->setFocus();
    }
    return;
  }
  closePanels();
}

void PackView::showHoldPanel()
{
  // A completed order still at the bench for its carrier label can go on hold: the label-wait notices offer F4.
  if (!m_session || (m_session->state() == packing::PackSession::State::Completed && !m_controller.awaitsLabels()))
    return;
  closePanels();
  m_reasonMode = ReasonMode::Hold;
  m_reasonTitle->setText(tr("&Hold because:"));
  m_reasonCombo->clear();
  m_reasonCombo->addItems({tr("Item damaged"), tr("Item missing from bin"), tr("Wrong item in bin"),
                           tr("Customer asked to change the order"), tr("Other")});
  m_reasonPanel->show();
  m_reasonCombo->setFocus();
  m_banner->show(StatusBanner::Tone::Warning, tr("Put this order on hold?"),
                 tr("Choose a reason and press Enter · Esc cancels"));
}

void PackView::showPartialPanel()
{
  if (!m_session || m_session->state() != packing::PackSession::State::Packing)
    return;
  closePanels();
  m_reasonMode = ReasonMode::Partial;
  m_reasonTitle->setText(tr("&Ship partial because:"));
  m_reasonCombo->clear();
  m_reasonCombo->addItems({tr("Out of stock"), tr("Item damaged"), tr("Customer agreed to split")});
  m_reasonPanel->show();
  m_reasonCombo->setFocus();
  m_banner->show(StatusBanner::Tone::Warning,
                 tr("Ship %1 of %2 items now?").arg(m_session->verifiedTotal()).arg(m_session->expectedTotal()),
                 tr("Choose a reason and press Enter · Esc cancels"));
}

void PackView::submitReason()
{
  if (!m_session || !m_reasonPanel->isVisible())
    return;
  const QString reason = m_reasonCombo->currentText().trimmed();
  const auto result =
      m_reasonMode == ReasonMode::Hold ? m_controller.hold(reason) : m_controller.completePartial(reason);
  if (result.outcome == Outcome::Refused)
    return; // the controller said why
  closePanels();
}

void PackView::closePanels()
{
  const bool wasOpen = m_manualPanel->isVisible() || m_reasonPanel->isVisible();
  m_manualPanel->hide();
  m_reasonPanel->hide();
  m_controller.setManualApprovalOpen(false);
  m_table->setFocus();
  if (wasOpen && m_session && m_session->state() == packing::PackSession::State::Packing &&
      m_banner->tone() == StatusBanner::Tone::Warning)
    showReady();
}

void PackView::keyPressEvent(QKeyEvent *event)
{
  const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
  if (event->key() == Qt::Key_Escape && (m_manualPanel->isVisible() || m_reasonPanel->isVisible())) {
    closePanels();
    return;
  }
  // A spin box passes Enter on to its parent: here it records the quantity (the other fields have returnPressed).
  if (enter && m_manualPanel->isVisible() && m_manualQuantity->hasFocus()) {
    submitManual();
    return;
  }
  if ((enter || event->key() == Qt::Key_Escape) && m_session &&
      m_session->state() == packing::PackSession::State::Blocked) {
    m_controller.acknowledge();
    return;
  }
  QWidget::keyPressEvent(event);
}

} // namespace pb::ui
