-- Placeholder for 0004_packing: the lead replaces this file with the real migration at merge.
SELECT 1;
