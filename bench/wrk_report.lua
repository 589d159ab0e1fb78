-- Loaded by bench/load.py: one machine-readable line instead of wrk's
-- rounded report (latencies in microseconds).
wrk.headers["Host"] = "localhost"
-- What the clients say they accept, as load.py was told (empty: nothing).
local accept = os.getenv("BENCH_ACCEPT_ENCODING")
if accept and accept ~= "" then
  wrk.headers["Accept-Encoding"] = accept
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d status_errors=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
