-- Nothing to restore: the benchmark creates its fixture itself (web::bench).
SELECT 1;
