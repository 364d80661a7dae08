-- wrk's summary as one JSON line on stdout (bench/run reads it): requests per second over the
-- whole run, latency percentiles in microseconds, and the answers that were not 2xx/3xx.
--   wrk -s bench/wrk-json.lua ...   (headers are set with wrk's own -H)
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_us":%d,"p99_us":%d,"max_us":%d,"failed":%d,"non_2xx_3xx":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99), latency.max, failed, summary.errors.status))
end
