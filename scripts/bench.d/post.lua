-- wrk script for scripts/bench: POSTs one JSON body to one path, each request with its own
-- UUID-shaped Idempotency-Key, and prints one machine-readable RESULT line at the end.
--
-- Usage: wrk ... -s post.lua <url> -- <path> <body-file>

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  local f = assert(io.open(args[2], "rb"))
  body = f:read("*a")
  f:close()
  math.randomseed(os.time() * 1000 + tid)
end

-- Unique within a run: the thread number and a per-thread counter, plus random filler.
local function key()
  counter = counter + 1
  return string.format("%08x-%04x-4%03x-8%03x-%06x%06x",
    tid, math.random(0, 0xffff), math.random(0, 0xfff), math.random(0, 0xfff),
    math.floor(counter / 0x1000000) % 0x1000000, counter % 0x1000000)
end

function request()
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key(),
  }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
