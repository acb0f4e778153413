-- View beacons as a browser's navigator.sendBeacon() sends them from our article page, for wrk:
-- a POST with an empty body, `Origin` (BEACON_ORIGIN: the site as the reader's browser sees
-- it, e.g. http://127.0.0.1:8000) and `Sec-Fetch-Site: same-origin`. Every request comes from a
-- new reader (its own user agent), so every one is counted: the write path, the dearest.
local origin = os.getenv("BEACON_ORIGIN") or error("set BEACON_ORIGIN to the site's origin")
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  thread_id = id or 0
end

wrk.method = "POST"
wrk.body = ""
wrk.headers["Origin"] = origin
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["Content-Length"] = "0"

function request()
  counter = counter + 1
  wrk.headers["User-Agent"] =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 bench/"
    .. thread_id .. "." .. counter
  return wrk.format()
end
