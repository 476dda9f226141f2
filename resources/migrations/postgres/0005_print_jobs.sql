-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Print-job journal: every slip and label sent to a printer, so nothing is dropped silently and any job
-- can be retried, moved to another printer or reprinted.

CREATE TABLE print_jobs (
  id                    bigserial PRIMARY KEY,
  fulfillment_order_id  bigint REFERENCES fulfillment_orders(id),
  kind                  text NOT NULL CHECK (kind IN ('slip', 'label')),
  printer               text NOT NULL,
  format                text NOT NULL CHECK (format IN ('pdf', 'zpl', 'png')),
  status                text NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'sent', 'failed', 'retrying', 'moved', 'done')),
  attempts              integer NOT NULL DEFAULT 0,
  last_error            text,
  payload               bytea,
  reference             text,
  moved_to_job_id       bigint REFERENCES print_jobs(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  sent_at               timestamptz
);
CREATE INDEX print_jobs_open ON print_jobs (id) WHERE status IN ('queued', 'failed', 'retrying');
CREATE INDEX print_jobs_fo ON print_jobs (fulfillment_order_id, id);

-- Stations journal their own print jobs; the hub may read them (reprints, lead dashboards).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'packbench_station') THEN
    GRANT SELECT, INSERT, UPDATE ON print_jobs TO packbench_station;
    GRANT USAGE ON SEQUENCE print_jobs_id_seq TO packbench_station;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'packbench_hub') THEN
    GRANT SELECT ON print_jobs TO packbench_hub;
  END IF;
END $$;
