-- wrk: POST the token in $HOOKSCOPE_BENCH_TOKEN as the body, as Wix does.
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
local f = assert(io.open(os.getenv("HOOKSCOPE_BENCH_TOKEN"), "rb"))
wrk.body = f:read("*a")
f:close()
