-- SPDX-FileCopyrightText: 2026 Packbench contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- A slip or label for "the default printer" is journaled with an empty printer: the bench no longer asks CUPS for
-- the default's name on its window's thread (a print server that does not answer held the bench for a minute per
-- slip). The send, on the printer's thread, finds the name; this records it on the job. Only an empty printer is
-- filled in, and only on a job the caller may see.
CREATE FUNCTION packbench_print_job_default_printer(p_job bigint, p_printer text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF btrim(p_printer) = '' OR NOT packbench_print_job_visible(p_job) THEN
    RETURN false;
  END IF;
  UPDATE print_jobs SET printer = p_printer WHERE id = p_job AND printer = '';
  RETURN FOUND;
END $$;

REVOKE ALL ON FUNCTION packbench_print_job_default_printer(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_print_job_default_printer(bigint, text) TO packbench_station;

-- At a station's start: its own jobs still queued, sent or retrying were in flight when its last run ended (a send
-- held by a print server that never answered, a kill), and nothing sends them by itself. They are marked failed with
-- the station's reason, so the lead's list shows them among the failed ones instead of "Waiting" for good. Only the
-- calling login's jobs (each station has its own login).
CREATE FUNCTION packbench_print_jobs_left_unsent(p_reason text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n integer;
BEGIN
  UPDATE print_jobs SET status = 'failed', last_error = p_reason, updated_at = now()
   WHERE login = session_user AND status IN ('queued', 'sent', 'retrying');
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

REVOKE ALL ON FUNCTION packbench_print_jobs_left_unsent(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION packbench_print_jobs_left_unsent(text) TO packbench_station;
