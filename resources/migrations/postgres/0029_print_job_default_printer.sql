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
