-- Walks a list of paths for wrk, each thread its own share, then stops: for the memory
-- benchmark, which needs a known number of requests over many distinct pages.
-- URLS_FILE: one path per line. URLS_START: index to start from (continue a previous run).
-- URLS_THREADS: wrk's -t (each thread's setup and init run before the next thread exists).
-- URLS_PER_THREAD: answers each thread waits for before it stops; it then creates the file
-- URLS_DONE_DIR/<thread id> so the caller can end wrk (whose own clock runs on regardless).
local file = os.getenv("URLS_FILE") or error("set URLS_FILE")
local start = tonumber(os.getenv("URLS_START") or "0")
local limit = tonumber(os.getenv("URLS_PER_THREAD") or "1000")
local done_dir = os.getenv("URLS_DONE_DIR") or error("set URLS_DONE_DIR")
local paths = {}
for line in io.lines(file) do
  if line ~= "" then table.insert(paths, line) end
end
local step = tonumber(os.getenv("URLS_THREADS") or "1")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  thread_id = id or 1
  sent, answered = 0, 0
end

function request()
  -- Thread k of n asks for paths start+k, start+k+n, start+k+2n …: all threads together walk
  -- the list in order, so each stretch of the run spreads over every page.
  local index = (start + thread_id - 1 + sent * step) % #paths
  sent = sent + 1
  return wrk.format("GET", paths[index + 1])
end

function response(status, headers, body)
  answered = answered + 1
  if answered == limit then
    local marker = io.open(done_dir .. "/" .. thread_id, "w")
    marker:close()
    wrk.thread:stop()
  end
end
