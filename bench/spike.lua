-- A breaking-news spike for wrk: an OFFERED rate, not as fast as possible.
-- wrk is closed-loop (each connection waits for its answer), so each request waits a random
-- 0.5x-1.5x of SPIKE_DELAY_MS first: C connections offer about C * 1000 / SPIKE_DELAY_MS
-- requests per second while answers are quick, fewer only when the server makes them wait.
-- SPIKE_PATHS: space-separated paths, picked at random per request (repeat one to weight it).
-- At the end prints "5xx responses: N" (wrk's own "Non-2xx" line also counts 4xx and 3xx).
local paths = {}
for path in string.gmatch(os.getenv("SPIKE_PATHS") or "/", "%S+") do
  table.insert(paths, path)
end
local mean_delay = tonumber(os.getenv("SPIKE_DELAY_MS") or "100")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  server_errors = 0  -- a global: done() reads it through thread:get()
  math.randomseed(os.time() * 1000 + (id or 0))
end

function delay()
  return math.random(math.floor(mean_delay / 2), math.floor(mean_delay * 3 / 2))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("server_errors") or 0)
  end
  io.write(string.format("5xx responses: %d\n", total))
end
