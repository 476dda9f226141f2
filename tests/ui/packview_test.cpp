// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pack screen, driven like a bench: scanner bursts into whatever has focus, function keys, Enter.
#include "core/db/sql.h"
#include "tests/support/keyboardinput.h"
#include "tests/support/screenshot.h"
#include "tests/support/stationbench.h"
#include "tests/support/verify.h"
#include "ui/customertextlabel.h"
#include "ui/feedbacksounds.h"
#include "ui/packlinesmodel.h"
#include "ui/packview.h"
#include "ui/stationwindow.h"
#include "ui/statusbanner.h"

#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace pb;
using pb::test::press;
using pb::test::scan;
using Tone = ui::StatusBanner::Tone;
using Cue = ui::FeedbackSounds::Cue;

class PackViewTest final : public QObject, private test::DemoStationBench {
  Q_OBJECT

private:
  std::unique_ptr<ui::StationWindow> makeWindow(packing::PackOptions pack = {})
  {
    ui::StationOptions options;
    options.pack = pack;
    return showWindow(options);
  }

  void signIn(ui::StationWindow &window, const QString &badge = QStringLiteral("PB-1001"))
  {
    test::scanBadgeAndTypePin(badge, test::demoPin(badge));
    QTRY_VERIFY(window.packer().has_value());
  }

  qint64 openNewOrder(ui::StationWindow &window, const QList<test::TestLine> &lines)
  {
    return openOrderNamed(window, QStringLiteral("#P%1").arg(++m_orderNo), lines);
  }

  static QString banner(ui::StationWindow &window) { return window.packView()->banner()->headline(); }
  static Tone tone(ui::StationWindow &window) { return window.packView()->banner()->tone(); }

  QString packState(qint64 fo)
  {
    auto q = db::exec(m_db, QStringLiteral("SELECT pack_state FROM fulfillment_orders WHERE id = ?"), {fo});
    return q && q.value().next() ? q.value().value(0).toString() : QString();
  }

private Q_SLOTS:
  void initTestCase() { VERIFY_OK(openBench(QStringLiteral("gui"), QStringLiteral("bench-3"))); }

  void wholeOrder_packedByScannerBursts()
  {
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_daypack, 2}, {m_shell, 1}});
    QVERIFY(fo > 0);
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("orderLabel"))->text(), QStringLiteral("#P%1").arg(m_orderNo));
    QVERIFY(window->findChild<QLabel *>(QStringLiteral("giftLabel"))->isVisibleTo(window.get()));
    auto *progress = window->findChild<QProgressBar *>(QStringLiteral("packProgress"));
    const auto *keys = window->findChild<QLabel *>(QStringLiteral("keysLabel"));
    QVERIFY(keys->text().startsWith(QStringLiteral("F2 manual quantity · F4 hold")));

    scan(test::barcodeFor(m_db, m_daypack));
    QCOMPARE(tone(*window), Tone::Good);
    QVERIFY(banner(*window).contains(QStringLiteral("Trailhead 28L Daypack")));
    QCOMPARE(window->sounds()->lastCue(), Cue::Good);
    QCOMPARE(progress->value(), 1);
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-in-progress.png")));
    scan(QStringLiteral("]E00") + test::barcodeFor(m_db, m_daypack)); // the same item printed as EAN-13
    scan(m_shell);                                                    // its SKU barcode
    QCOMPARE(progress->value(), 3);
    const auto *model = window->packView()->linesModel();
    for (int row = 0; row < model->rowCount(); ++row)
      QCOMPARE(model->index(row, ui::PackLinesModel::State).data().toString(), QStringLiteral("✔ Done"));
    press(Qt::Key_F9);
    QCOMPARE(tone(*window), Tone::Good);
    QVERIFY(banner(*window).contains(QStringLiteral("COMPLETE")));
    QCOMPARE(window->sounds()->lastCue(), Cue::Complete);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    // Recorded, the order stays on the screen: only F8 and REPRINT act on it now.
    QCOMPARE(keys->text(), QStringLiteral("F8 takes the next order · scan REPRINT to print its slip and label again"));
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-complete.png")));
  }

  void sharedBarcode_countsEachColour_andSaysWhichToCheck()
  {
    // Two colours of the daypack with one barcode (Shopify allows it): the scan counts for the colour still short,
    // in amber, naming the other colour, so the packer looks at what is in their hand.
    const QString code = QStringLiteral("012345678905");
    for (const QString &sku : {m_daypack, QStringLiteral("NW-T2D-002")})
      VERIFY_OK(db::exec(m_db,
                         QStringLiteral("INSERT INTO barcodes (shop_id, variant_id, kind, code, normalized) "
                                        "SELECT p.shop_id, v.id, 'upc', ?, '00012345678905' FROM variants v "
                                        "JOIN products p ON p.id = v.product_id WHERE v.sku = ?"),
                         {code, sku}));
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_daypack, 1}, {QStringLiteral("NW-T2D-002"), 1}});
    QVERIFY(fo > 0);
    scan(code);
    QCOMPARE(tone(*window), Tone::Warning);
    QCOMPARE(window->sounds()->lastCue(), Cue::Good);
    QVERIFY2(window->packView()->banner()->hint().startsWith(QStringLiteral("Same barcode as Trailhead 28L Daypack")),
             qPrintable(window->packView()->banner()->hint()));
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-shared-barcode.png")));
    scan(code);
    QCOMPARE(tone(*window), Tone::Warning);
    QVERIFY2(window->packView()->banner()->hint().endsWith(QStringLiteral("press F9 to complete")),
             qPrintable(window->packView()->banner()->hint()));
    press(Qt::Key_F9);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    VERIFY_OK(db::exec(m_db, QStringLiteral("DELETE FROM barcodes WHERE code = ?"), {code}));
  }

  void customerText_isPlain_andALongNoteLeavesEveryLineInSight()
  {
    // A customer's note is theirs to type: "<b>" stays "<b>", and a thousand characters of it used to push all but
    // three of the order's lines out of sight (and could push them all). It now takes five lines at most.
    QString note = QStringLiteral("<b>Not bold</b>: ");
    for (int i = 0; i < 12; ++i)
      note += QStringLiteral("Please wrap every item separately in paper and leave the parcel at the back door. ");
    auto window = makeWindow();
    window->resize(1280, 800);
    signIn(*window);
    const QList<test::TestLine> lines{{m_daypack, 2}, {m_shell, 1}, {QStringLiteral("NW-T2D-002"), 1}};
    auto fo = test::createClaimedOrder(m_db, QStringLiteral("#P%1").arg(++m_orderNo), lines);
    VERIFY_OK(fo);
    VERIFY_OK(db::exec(m_db,
                       QStringLiteral("UPDATE orders SET note = ?, gift_message = '<i>Love</i>' WHERE id = (SELECT "
                                      "order_id FROM fulfillment_orders WHERE id = ?)"),
                       {note, *fo}));
    VERIFY_OK(
        db::exec(m_db, QStringLiteral("UPDATE fulfillment_orders SET pack_state = 'queued' WHERE id = ?"), {*fo}));
    auto taken = m_workflow->take(*fo, *window->packer());
    VERIFY_OK(taken);
    QVERIFY(window->openOrder(*taken));

    auto *noteLabel = window->findChild<ui::CustomerTextLabel *>(QStringLiteral("noteLabel"));
    auto *giftLabel = window->findChild<ui::CustomerTextLabel *>(QStringLiteral("giftLabel"));
    QVERIFY(noteLabel && giftLabel);
    QTRY_VERIFY(noteLabel->isCut());
    QCOMPARE(noteLabel->textFormat(), Qt::PlainText);
    QVERIFY(noteLabel->text().startsWith(QStringLiteral("Note: <b>Not bold</b>: Please wrap")));
    QVERIFY2(noteLabel->text().endsWith(QStringLiteral("(cut here: F3 shows all of it)")),
             qPrintable(noteLabel->text()));
    QCOMPARE(giftLabel->text(), QStringLiteral("GIFT — add a card: “<i>Love</i>”"));
    QCOMPARE(giftLabel->textFormat(), Qt::PlainText);
    QVERIFY(!giftLabel->isCut());
    QTRY_VERIFY2(noteLabel->height() <= noteLabel->maxTextHeight() + 24,
                 qPrintable(QString::number(noteLabel->height())));
    auto *table = window->packView()->findChild<QTableView *>();
    QVERIFY(table);
    const int last = table->model()->rowCount() - 1;
    QCOMPARE(last, 2);
    QVERIFY2(table->rowViewportPosition(last) + table->rowHeight(last) <= table->viewport()->height(),
             "the order's last line is out of sight");
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-long-note.png")));
    press(Qt::Key_F3); // the packer reads it all, then F3 again gives the lines their room back
    QCOMPARE(noteLabel->text(), QStringLiteral("Note: ") + note);
    QVERIFY(!noteLabel->isCut());
    press(Qt::Key_F3);
    QTRY_VERIFY(noteLabel->isCut());
    QTRY_VERIFY2(table->rowViewportPosition(last) + table->rowHeight(last) <= table->viewport()->height(),
                 "the order's last line is out of sight after F3 twice");

    // A note of a line is shown whole, at the label's own size.
    window.reset();
    auto next = makeWindow();
    signIn(*next);
    QVERIFY(openNewOrder(*next, {{m_daypack, 1}}) > 0);
    noteLabel = next->findChild<ui::CustomerTextLabel *>(QStringLiteral("noteLabel"));
    QTRY_COMPARE(noteLabel->text(), QStringLiteral("Note: Fragile: pack the mug in paper"));
    QVERIFY(!noteLabel->isCut());
    QCOMPARE(noteLabel->font().pointSize(), 15);
  }

  void customItem_withoutVariant_isShownAsCountByHand()
  {
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_daypack, 1}});
    QVERIFY(fo > 0);
    // A Shopify custom line (gift wrap, engraving…) has no catalogue variant and so nothing to scan.
    QVERIFY(db::exec(m_db,
                     QStringLiteral("UPDATE fulfillment_order_lines SET variant_id = NULL, title = 'Gift wrap', "
                                    "sku = NULL WHERE fulfillment_order_id = ?"),
                     {fo})
                .ok());
    auto reopened = m_workflow->take(fo, *window->packer());
    QVERIFY(reopened.ok());
    QVERIFY(window->openOrder(*reopened));
    const auto *model = window->packView()->linesModel();
    QCOMPARE(model->index(0, ui::PackLinesModel::State).data().toString(), QStringLiteral("No barcode · F2 to count"));
    window->signOut();
  }

  void completeTooEarly_isRefused()
  {
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_daypack, 2}});
    scan(test::barcodeFor(m_db, m_daypack));
    press(Qt::Key_F9);
    QCOMPARE(tone(*window), Tone::Warning);
    QVERIFY(banner(*window).contains(QStringLiteral("1 item")));
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
  }

  void wrongItem_blocksUntilEnter()
  {
    auto window = makeWindow();
    signIn(*window);
    openNewOrder(*window, {{m_daypack, 1}});
    scan(test::barcodeFor(m_db, QStringLiteral("NW-T2D-002")));
    QCOMPARE(tone(*window), Tone::Error);
    QVERIFY(banner(*window).contains(QStringLiteral("WRONG ITEM")));
    QCOMPARE(window->sounds()->lastCue(), Cue::WrongItem);
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-error-wrong-item.png")));
    scan(test::barcodeFor(m_db, m_daypack)); // refused while the error stands
    QCOMPARE(window->packView()->session()->verifiedTotal(), 0);
    QVERIFY(banner(*window).contains(QStringLiteral("WRONG ITEM")));
    QTest::qWait(100);
    QCOMPARE(tone(*window), Tone::Error); // errors never clear themselves
    press(Qt::Key_Return);
    QCOMPARE(tone(*window), Tone::Neutral);
    scan(test::barcodeFor(m_db, m_daypack));
    QCOMPARE(window->packView()->session()->verifiedTotal(), 1);
  }

  void overScanAndUnknown_acknowledgedByAckBarcode()
  {
    auto window = makeWindow();
    signIn(*window);
    openNewOrder(*window, {{m_daypack, 1}, {m_shell, 1}});
    const QString upc = test::barcodeFor(m_db, m_daypack);
    scan(upc);
    scan(upc);
    QVERIFY(banner(*window).contains(QStringLiteral("TOO MANY")));
    QCOMPARE(window->sounds()->lastCue(), Cue::OverScan);
    const auto *model = window->packView()->linesModel();
    const int row = window->packView()->session()->pendingError()->row;
    QCOMPARE(model->index(row, ui::PackLinesModel::State).data().toString(), QStringLiteral("Too many!"));
    scan(QStringLiteral("PB*ACK"));
    QCOMPARE(tone(*window), Tone::Neutral);
    scan(QStringLiteral("4006381333931"));
    QVERIFY(banner(*window).contains(QStringLiteral("UNKNOWN BARCODE 4006381333931")));
    QCOMPARE(window->sounds()->lastCue(), Cue::Unknown);
    scan(QStringLiteral("PB*ACK"));
    // A US-set scanner on a German desktop ('-' arrives as ß): the banner points at the scanner's layout.
    scan(QStringLiteral("NWßT2Dß002"));
    QVERIFY(banner(*window).contains(QStringLiteral("UNKNOWN BARCODE NWßT2Dß002")));
    QVERIFY2(window->packView()->banner()->hint().contains(QStringLiteral("scanning.scanner_layout")),
             qPrintable(window->packView()->banner()->hint()));
    scan(QStringLiteral("PB*ACK"));
    scan(QStringLiteral("081234500017")); // bad check digit
    QVERIFY(banner(*window).contains(QStringLiteral("NOT READABLE")));
    press(Qt::Key_Escape);
    QCOMPARE(tone(*window), Tone::Neutral);
    QCOMPARE(window->packView()->session()->verifiedTotal(), 1);
  }

  void manualEntry_approvedByLeadBadge()
  {
    auto window = makeWindow();
    signIn(*window);
    openNewOrder(*window, {{m_daypack, 1}, {m_shell, 3}});
    auto *table = window->findChild<QTableView *>(QStringLiteral("packLinesTable"));
    const int shellRow = window->packView()->session()->lines().at(0).sku == m_shell ? 0 : 1;
    table->setFocus();
    if (shellRow == 1)
      press(Qt::Key_Down);
    press(Qt::Key_F2);
    auto *panel = window->findChild<QFrame *>(QStringLiteral("manualPanel"));
    QVERIFY(panel->isVisible());
    QCOMPARE(window->findChild<QSpinBox *>(QStringLiteral("manualQuantity"))->value(), 3);
    press(Qt::Key_Down); // 2 of the 3 have torn labels
    QCOMPARE(window->findChild<QSpinBox *>(QStringLiteral("manualQuantity"))->value(), 2);
    test::scanBadgeAndTypePin(QStringLiteral("PB-1002"), QStringLiteral("1002")); // a packer's badge and PIN
    QVERIFY(panel->isVisible());
    QVERIFY(banner(*window).contains(QStringLiteral("lead")));
    QCOMPARE(window->packView()->session()->verifiedTotal(), 0);
    scan(QStringLiteral("PB-9001")); // the lead's badge alone approves nothing: it asks for the PIN
    QVERIFY(panel->isVisible());
    QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit *>(QStringLiteral("manualPin")));
    QCOMPARE(window->packView()->session()->verifiedTotal(), 0);
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("manual-approval-pin.png")));
    test::typeSlowly(QStringLiteral("0000"), 60); // a wrong PIN approves nothing either
    press(Qt::Key_Return);
    QVERIFY(panel->isVisible());
    QCOMPARE(window->packView()->session()->verifiedTotal(), 0);
    QVERIFY(banner(*window).contains(QStringLiteral("Not approved")));
    test::scanBadgeAndTypePin(QStringLiteral("PB-9001"), QStringLiteral("9001"));
    QVERIFY(!panel->isVisible());
    QCOMPARE(window->packView()->session()->lines().at(shellRow).verified, 2);
    QCOMPARE(tone(*window), Tone::Good);
    // Recorded under the lead's packer id (approved_by): a badge number is half a credential and stays out of
    // the journal.
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM scan_events e JOIN packers p ON p.id = "
                                               "e.approved_by WHERE e.outcome = 'manual' AND p.badge_id = 'PB-9001' "
                                               "AND e.reason = 'Barcode damaged'")),
             1);
    QCOMPARE(test::scalar(m_db, QStringLiteral("SELECT count(*) FROM scan_events WHERE reason LIKE '%PB-9001%'")), 0);
  }

  void manualEntry_enterInQuantityBox_records()
  {
    packing::PackOptions pack;
    pack.manualNeedsLead = false;
    auto window = makeWindow(pack);
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_shell, 3}});
    QVERIFY(fo > 0);
    window->findChild<QTableView *>(QStringLiteral("packLinesTable"))->setFocus();
    press(Qt::Key_F2);
    auto *panel = window->findChild<QFrame *>(QStringLiteral("manualPanel"));
    auto *quantity = window->findChild<QSpinBox *>(QStringLiteral("manualQuantity"));
    QVERIFY(panel->isVisible());
    QCOMPARE(QApplication::focusWidget(), quantity);
    press(Qt::Key_Down);
    QCOMPARE(quantity->value(), 2);
    press(Qt::Key_Return); // a real key event into the spin box, as the packer presses it
    QVERIFY(!panel->isVisible());
    QCOMPARE(window->packView()->session()->verifiedTotal(), 2);
    QCOMPARE(tone(*window), Tone::Good);
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                         "outcome = 'manual' AND quantity = 2"),
                          {fo}),
             1);
    press(Qt::Key_Return); // the panel is closed: a second Enter records nothing more
    QCOMPARE(window->packView()->session()->verifiedTotal(), 2);
  }

  void manualEntry_enterWithoutLead_asksForTheBadge()
  {
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_shell, 2}});
    QVERIFY(fo > 0);
    window->findChild<QTableView *>(QStringLiteral("packLinesTable"))->setFocus();
    press(Qt::Key_F2);
    auto *panel = window->findChild<QFrame *>(QStringLiteral("manualPanel"));
    QCOMPARE(QApplication::focusWidget(), window->findChild<QSpinBox *>(QStringLiteral("manualQuantity")));
    press(Qt::Key_Return);
    QVERIFY(panel->isVisible());
    QVERIFY(banner(*window).contains(QStringLiteral("lead")));
    QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit *>(QStringLiteral("manualApprover")));
    QCOMPARE(window->packView()->session()->verifiedTotal(), 0);
    test::typeSlowly(QStringLiteral("PB-9001"), 60); // a lead with no badge on them types its number
    press(Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), window->findChild<QLineEdit *>(QStringLiteral("manualPin")));
    QVERIFY(panel->isVisible());
    test::typeSlowly(QStringLiteral("9001"), 60);
    press(Qt::Key_Return);
    QVERIFY(!panel->isVisible());
    QCOMPARE(window->packView()->session()->verifiedTotal(), 2);
  }

  void hold_withReasonFromKeyboard()
  {
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_daypack, 2}});
    scan(test::barcodeFor(m_db, m_daypack));
    press(Qt::Key_F4);
    auto *reason = window->findChild<QComboBox *>(QStringLiteral("reasonCombo"));
    QVERIFY(reason->isVisible());
    QCOMPARE(QApplication::focusWidget(), reason);
    press(Qt::Key_Down); // "Item missing from bin"
    press(Qt::Key_Return);
    QCOMPARE(tone(*window), Tone::Warning);
    QVERIFY(banner(*window).contains(QStringLiteral("Item missing from bin")));
    QCOMPARE(packState(fo), QStringLiteral("held"));
  }

  void partial_shipsWhatIsVerified()
  {
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_daypack, 1}, {m_shell, 1}});
    press(Qt::Key_F10); // nothing verified yet: the panel opens but shipping is refused
    press(Qt::Key_Return);
    QCOMPARE(packState(fo), QStringLiteral("claimed"));
    press(Qt::Key_Escape);
    scan(test::barcodeFor(m_db, m_daypack));
    press(Qt::Key_F10);
    QVERIFY(window->findChild<QComboBox *>(QStringLiteral("reasonCombo"))->isVisible());
    press(Qt::Key_Return); // "Out of stock"
    QVERIFY(banner(*window).contains(QStringLiteral("COMPLETE")));
    // The rest is Shopify's to follow up: nothing here packs it later, and the packer is told so.
    QVERIFY2(window->packView()->banner()->hint().contains(QStringLiteral("not queued here again")),
             qPrintable(window->packView()->banner()->hint()));
    QVERIFY(test::saveScreenshot(*window, QStringLiteral("pack-shipped-partial.png")));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(*) FROM scan_events WHERE fulfillment_order_id = ? AND "
                                         "raw_code = 'PB*PARTIAL' AND reason = 'Out of stock'"),
                          {fo}),
             1);
    scan(test::barcodeFor(m_db, m_shell)); // the order is finished: told to take the next one
    QVERIFY(banner(*window).contains(QStringLiteral("F8")));
  }

  void multiBox_eventsCarryTheBox()
  {
    auto window = makeWindow();
    signIn(*window);
    const qint64 fo = openNewOrder(*window, {{m_daypack, 1}, {m_shell, 1}});
    press(Qt::Key_F6); // box 1 is empty: refused
    QCOMPARE(tone(*window), Tone::Warning);
    scan(test::barcodeFor(m_db, m_daypack));
    scan(QStringLiteral("PB*NEXTBOX"));
    QCOMPARE(window->findChild<QLabel *>(QStringLiteral("boxLabel"))->text(), QStringLiteral("Box 2"));
    scan(test::barcodeFor(m_db, m_shell));
    scan(QStringLiteral("PB*COMPLETE"));
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT max(box_no) FROM scan_events WHERE fulfillment_order_id = ? "
                                         "AND outcome = 'ok'"),
                          {fo}),
             2);
  }

  void killedStation_resumesWithCountsAndError()
  {
    const QString upc = test::barcodeFor(m_db, m_daypack);
    qint64 fo = 0;
    {
      auto window = makeWindow();
      signIn(*window);
      fo = openNewOrder(*window, {{m_daypack, 3}, {m_shell, 1}});
      scan(upc);
      scan(upc);
      scan(QStringLiteral("4006381333931"));
      QCOMPARE(tone(*window), Tone::Error);
    } // the window and its session die without completing or releasing
    auto window = makeWindow();
    signIn(*window, QStringLiteral("PB-1002"));
    auto resumed = m_workflow->take(fo, *window->packer()); // the station's own open claim
    QVERIFY(resumed.ok());
    QVERIFY(window->openOrder(*resumed));
    QCOMPARE(window->packView()->session()->verifiedTotal(), 2);
    QCOMPARE(tone(*window), Tone::Error); // the unacknowledged error is still there
    press(Qt::Key_Return);
    scan(upc);
    scan(test::barcodeFor(m_db, m_shell));
    press(Qt::Key_F9);
    QCOMPARE(packState(fo), QStringLiteral("packed"));
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT sum(quantity) FROM scan_events WHERE fulfillment_order_id = ? "
                                         "AND outcome = 'ok'"),
                          {fo}),
             4);
    QCOMPARE(test::scalar(m_db,
                          QStringLiteral("SELECT count(DISTINCT packer_id) FROM scan_events WHERE "
                                         "fulfillment_order_id = ?"),
                          {fo}),
             2); // both packers are on record
  }
};

QTEST_MAIN(PackViewTest)
#include "packview_test.moc"
