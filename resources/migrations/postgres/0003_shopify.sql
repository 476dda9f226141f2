-- Placeholder for 0003_shopify: the lead replaces this file with the real migration at merge.
SELECT 1;
