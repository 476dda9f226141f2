-- Placeholder for 0002_queue: the lead replaces this file with the real migration at merge.
SELECT 1;
