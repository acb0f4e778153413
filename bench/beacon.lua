-- POST view beacons for wrk, as a browser's sendBeacon sends them.
-- BEACON_READERS=new: every request is a different reader (a new user agent), so every one
-- is counted — the write path. Anything else: one reader reloading — the dedupe path.
local readers = os.getenv("BEACON_READERS") or "new"
local counter = 0
local thread_id = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  thread_id = id or 0
end

wrk.method = "POST"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Content-Length"] = "0"

function request()
  counter = counter + 1
  local agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
  if readers == "new" then
    agent = agent .. " bench/" .. thread_id .. "." .. counter
  end
  wrk.headers["User-Agent"] = agent
  return wrk.format()
end
