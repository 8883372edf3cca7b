-- Databases migrated before the benchmark fixture left the product's schema still hold it.
DROP TABLE IF EXISTS fortunes;
