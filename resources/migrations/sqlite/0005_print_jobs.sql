-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Print-job journal (twin of PostgreSQL 0005): every slip and label sent to a printer.

CREATE TABLE print_jobs (
  id                    INTEGER PRIMARY KEY,
  fulfillment_order_id  INTEGER REFERENCES fulfillment_orders(id),
  kind                  TEXT NOT NULL CHECK (kind IN ('slip', 'label')),
  printer               TEXT NOT NULL,
  format                TEXT NOT NULL CHECK (format IN ('pdf', 'zpl', 'png')),
  status                TEXT NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'sent', 'failed', 'retrying', 'moved', 'done')),
  attempts              INTEGER NOT NULL DEFAULT 0,
  last_error            TEXT,
  payload               BLOB,
  reference             TEXT,
  moved_to_job_id       INTEGER REFERENCES print_jobs(id),
  created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  sent_at               TEXT
);
CREATE INDEX print_jobs_open ON print_jobs (id) WHERE status IN ('queued', 'failed', 'retrying');
CREATE INDEX print_jobs_fo ON print_jobs (fulfillment_order_id, id);
