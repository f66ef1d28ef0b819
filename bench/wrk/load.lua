-- The wrk script of bench/src/demo-server.ts.
-- With LATCH_BENCH_GAP_MS set, each connection pauses about that long (jittered ½–1½×, from a
-- random start) between an answer and its next request, as pages polling a status do; wrk's
-- latency runs from a request's send to its answer, so the pause is not in it. Without it,
-- wrk sends the next request as soon as an answer comes. At the end: one JSON line.
local gap = tonumber(os.getenv("LATCH_BENCH_GAP_MS") or "0")

if gap > 0 then
  function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  end

  function delay()
    return math.floor(gap * (0.5 + math.random()))
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"errors":%d,"badStatus":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
