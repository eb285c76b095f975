-- wrk script: every request POSTs the file named by BENCH_BODY to the URL
-- given, as text/plain (make bench: POST /parse throughput).
local f = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
