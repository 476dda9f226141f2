// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Migration 0019: a station asks for its warehouse's end of day through packbench_request_manifest, only under a
// packer's sign-in and a lead's badge-and-PIN approval (single use); a packer's badge is no approval; asked twice,
// the open request answers; another shop's warehouse is refused; the hub hears NOTIFY packbench_manifest_request.
// A station login reads its warehouse's manifests and writes none of the carrier tables.
#include "core/db/sql.h"
#include "core/packing/packers.h"
#include "core/queue/orderqueue.h"
#include "core/station/carriermanifests.h"
#include "tests/support/labelworld.h"
#include "tests/support/stationlogin.h"
#include "tests/support/testdatabase.h"
#include "tests/support/verify.h"

#include <QSignalSpy>
#include <QSqlDriver>
#include <QTest>
#include <QUuid>

using namespace pb;
using namespace Qt::StringLiterals;

class ManifestRequestTest final : public QObject, private test::LabelWorldBench {
  Q_OBJECT

private:
  test::StationLogin m_login;
  qint64 m_station = 0;
  QString m_signIn;

  packing::Packer approvalBy(const QString &badge, const QString &pin)
  {
    auto lead = packing::approveAsLead(m_login.db, badge, pin, m_station);
    if (!lead)
      qFatal("approval: %s", qPrintable(lead.error().message));
    return *lead;
  }

private Q_SLOTS:
  void initTestCase()
  {
    VERIFY_OK(openLabelWorld(u"manifestreq"_s));
    VERIFY_OK(db::exec(m_db, u"INSERT INTO packers (badge_id, name, role, pin_hash) VALUES "
                             "('PB-M1', 'Mo', 'packer', crypt('4321', gen_salt('bf', 4))), "
                             "('PB-M9', 'Lee', 'lead', crypt('9876', gen_salt('bf', 4)))"_s));
    auto login = test::createStationLogin(m_db, m_scratch.settings, u"pbt_manifest_"_s, m_world.queue.shopId,
                                          {m_world.queue.locationId});
    VERIFY_OK(login);
    m_login = *login;
    auto station = queue::registerStation(m_login.db, QUuid::createUuid().toString(QUuid::WithoutBraces),
                                          u"Dock bench"_s, m_world.queue.locationId);
    VERIFY_OK(station);
    m_station = *station;
    auto mo = packing::signInWithPin(m_login.db, u"PB-M1"_s, u"4321"_s, m_station);
    VERIFY_OK(mo);
    m_signIn = mo->signInToken;
  }

  void cleanupTestCase() { test::dropStationLogin(m_db, m_login); }

  void withoutALeadsApproval_isRefused()
  {
    auto refused =
        station::carriermanifests::request(m_login.db, m_station, m_world.queue.locationId, QString(), m_signIn);
    QCOMPARE(test::kindOf(refused), ErrorKind::Permission);
    // A packer's badge and PIN are no lead's approval.
    auto packer = packing::approveAsLead(m_login.db, u"PB-M1"_s, u"4321"_s, m_station);
    QCOMPARE(test::kindOf(packer), ErrorKind::Permission);
    // A made-up approval neither.
    auto forged = station::carriermanifests::request(m_login.db, m_station, m_world.queue.locationId,
                                                     QUuid::createUuid().toString(QUuid::WithoutBraces), m_signIn);
    QCOMPARE(test::kindOf(forged), ErrorKind::Permission);
    // Nor without a packer signed in at the bench.
    auto unsigned_ = station::carriermanifests::request(m_login.db, m_station, m_world.queue.locationId,
                                                        approvalBy(u"PB-M9"_s, u"9876"_s).approvalToken, QString());
    QCOMPARE(test::kindOf(unsigned_), ErrorKind::SignedOut);
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM manifest_requests"_s), 0);
  }

  void leadsApproval_asksOnce_andWakesTheHub()
  {
    auto listener = db::openDatabase(m_scratch.settings, u"manifestreq-listen"_s);
    VERIFY_OK(listener);
    QSqlDriver *driver = listener->driver();
    QVERIFY(driver->subscribeToNotification(u"packbench_manifest_request"_s));
    QSignalSpy heard(driver, &QSqlDriver::notification);
    const packing::Packer lead = approvalBy(u"PB-M9"_s, u"9876"_s);
    auto id = station::carriermanifests::request(m_login.db, m_station, m_world.queue.locationId, lead.approvalToken,
                                                 m_signIn);
    VERIFY_OK(id);
    QVERIFY(heard.wait(5000));
    QCOMPARE(heard.first().at(2).toString(), QString::number(*id));
    QCOMPARE(test::scalar(m_db, u"SELECT lead_id FROM manifest_requests WHERE id = ?"_s, {*id}), lead.id);
    // The approval was used up: asking with it again is refused.
    auto reused = station::carriermanifests::request(m_login.db, m_station, m_world.queue.locationId,
                                                     lead.approvalToken, m_signIn);
    QCOMPARE(test::kindOf(reused), ErrorKind::Permission);
    // Asked again while it is under way (a second F10): the same request.
    auto again = station::carriermanifests::request(m_login.db, m_station, m_world.queue.locationId,
                                                    approvalBy(u"PB-M9"_s, u"9876"_s).approvalToken, m_signIn);
    VERIFY_OK(again);
    QCOMPARE(*again, *id);
    // The station reads it.
    auto read = station::carriermanifests::read(m_login.db, *id);
    VERIFY_OK(read);
    QCOMPARE(read->state, u"requested"_s);
    QCOMPARE(test::scalar(m_db,
                          u"SELECT count(*) FROM audit_log WHERE action = 'manifest.requested' AND actor_id = ?"_s,
                          {QString::number(lead.id)}),
             1);
  }

  void anotherShopsWarehouse_isRefused()
  {
    auto other = test::createQueueWorld(m_db);
    VERIFY_OK(other);
    auto refused = station::carriermanifests::request(m_login.db, m_station, other->locationId,
                                                      approvalBy(u"PB-M9"_s, u"9876"_s).approvalToken, m_signIn);
    QCOMPARE(test::kindOf(refused), ErrorKind::NotFound);
    QCOMPARE(test::scalar(m_db, u"SELECT count(*) FROM manifest_requests WHERE location_id = ?"_s, {other->locationId}),
             0);
  }

  void stationLogin_writesNoCarrierTable()
  {
    const qint64 request = test::scalar(m_db, u"SELECT id FROM manifest_requests ORDER BY id LIMIT 1"_s);
    QVERIFY(request > 0);
    auto order = test::addBenchOrder(m_db, m_world);
    VERIFY_OK(order);
    auto label = test::requestLabel(m_db, m_world, *order);
    VERIFY_OK(label);
    for (const QString &sql :
         {u"UPDATE manifest_requests SET state = 'done' WHERE id = ?"_s,
          u"INSERT INTO manifest_requests (location_id) SELECT location_id FROM manifest_requests WHERE id = ?"_s,
          u"INSERT INTO carrier_manifests (manifest_request_id, location_id, carrier_id, carrier_name, manifest_id, "
          "label_count, created_at) SELECT id, location_id, 'se-1', 'UPS', 'forged', 1, now() FROM manifest_requests "
          "WHERE id = ?"_s,
          u"DELETE FROM manifest_requests WHERE id = ?"_s})
      test::expectRefused(m_login.db, sql, {request});
    test::expectRefused(m_login.db, u"UPDATE label_requests SET carrier_manifest_id = NULL WHERE id = ?"_s, {*label});
    auto seen = db::exec(m_login.db, u"SELECT count(*) FROM carrier_manifests"_s);
    VERIFY_OK(seen);
  }
};

QTEST_GUILESS_MAIN(ManifestRequestTest)
#include "manifest_request_test.moc"
