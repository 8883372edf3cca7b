-- Once created the benchmark-only `fortunes` table. Benchmark fixtures are not part of the
-- product's schema: `web::bench` creates its own table when BENCH_ROUTES=true. The version
-- stays so that databases which applied it still know it (`multipartner doctor`).
SELECT 1;
