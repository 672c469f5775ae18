-- wrk script for scripts/bench: POST /v1/calls with unique call_ids and realistic call texts.
--
-- Environment (set by scripts/bench):
--   FENLIU_BENCH_TOKEN    bearer token (desk or admin role)             required
--   FENLIU_BENCH_CORPUS   JSONL corpus with "text"/"address"/"caller"    default Tests/FenliuDomainTests/Fixtures/dev-calls.jsonl
--   FENLIU_BENCH_TEXTS    how many texts to rotate through               default 40
--   FENLIU_BENCH_RUN      tag put into every call_id (unique per run)    default "r"
--   FENLIU_BENCH_RESULT   file the done() callback writes key=value lines to (appended); optional
--   FENLIU_BENCH_PHONES   "corpus" = the corpus caller numbers (a few dozen, so most calls become repeat
--                         callers and the repeat count scans a growing index range), "unique" = a new
--                         number per request                              default corpus
--
-- Every request gets call_id "<run>-t<thread>-<n>" (n zero-padded to 9 digits, so each thread's ids sort in
-- the order they are sent, as a dispatch system's running numbers do), so every request is a new call (201 expected).
-- response() counts statuses per thread; done() aggregates them through the thread objects kept by setup().

local corpus_path = os.getenv("FENLIU_BENCH_CORPUS") or "Tests/FenliuDomainTests/Fixtures/dev-calls.jsonl"
local text_limit  = tonumber(os.getenv("FENLIU_BENCH_TEXTS") or "40")
local run_tag     = os.getenv("FENLIU_BENCH_RUN") or "r"
local token       = os.getenv("FENLIU_BENCH_TOKEN")
local unique_phones = (os.getenv("FENLIU_BENCH_PHONES") or "corpus") == "unique"

-- Returns the raw (still JSON-escaped) contents of the string value of `key` in one JSON line, or nil
-- (missing key or a non-string value such as null). Keeping the escapes lets us paste it back into JSON.
local function json_string_field(line, key)
  local _, e = line:find('"' .. key .. '"%s*:%s*"')
  if not e then return nil end
  local i, n = e + 1, #line
  while i <= n do
    local ch = line:sub(i, i)
    if ch == "\\" then
      i = i + 2
    elseif ch == '"' then
      return line:sub(e + 1, i - 1)
    else
      i = i + 1
    end
  end
  return nil
end

-- Pick up to text_limit calls, round-robin over the labelled categories so every kind of call is in the mix.
local function load_calls()
  local f = assert(io.open(corpus_path, "r"), "cannot open corpus " .. corpus_path)
  local by_category, order = {}, {}
  for line in f:lines() do
    local text = json_string_field(line, "text")
    if text and #text > 0 then
      local category = json_string_field(line, "category") or "?"
      if not by_category[category] then
        by_category[category] = {}
        order[#order + 1] = category
      end
      local list = by_category[category]
      list[#list + 1] = {
        text = text,
        address = json_string_field(line, "address"),
        caller = json_string_field(line, "caller"),
      }
    end
  end
  f:close()
  local picked, round = {}, 1
  while #picked < text_limit do
    local added = false
    for _, category in ipairs(order) do
      local c = by_category[category][round]
      if c and #picked < text_limit then
        picked[#picked + 1] = c
        added = true
      end
    end
    if not added then break end
    round = round + 1
  end
  assert(#picked > 0, "no call texts found in " .. corpus_path)
  return picked, #order
end

local calls, category_count = load_calls()

-- Pre-build the parts of each body around the call_id, so request() only concatenates.
local tails = {}
for i, c in ipairs(calls) do
  local t = '","text":"' .. c.text .. '"'
  if c.address then t = t .. ',"address":"' .. c.address .. '"' end
  if c.caller and not unique_phones then t = t .. ',"caller_phone":"' .. c.caller .. '"' end
  tails[i] = t
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token then wrk.headers["Authorization"] = "Bearer " .. token end

-- Main Lua state: keep the thread objects to read their counters in done().
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

-- Per-thread state (each wrk thread has its own Lua state; `id` was set by setup()).
local prefix, head, n = nil, nil, 0
sent, s201, s200, s409, s4xx, s503, s5xx, sother = 0, 0, 0, 0, 0, 0, 0, 0

function init(args)
  prefix = '{"call_id":"' .. run_tag .. "-t" .. tostring(id) .. "-"
  -- The request line and headers, built once: wrk.format rebuilds them from the headers table on every call,
  -- which cost this load generator CPU that the server it shares two cores with then lacked.
  head = wrk.format(nil, "/v1/calls", nil, nil):gsub("\r\n\r\n$", "\r\n")
  if not token then error("FENLIU_BENCH_TOKEN is not set") end
end

function request()
  n = n + 1
  sent = n
  -- Zero-padded like a dispatch system's running call numbers, so ids sort in the order they are issued.
  local body = prefix .. string.format("%09d", n) .. tails[(n + id * 7) % #tails + 1]
  if unique_phones then
    body = body .. string.format(',"caller_phone":"19%01d%08d"}', id % 10, n % 100000000)
  else
    body = body .. "}"
  end
  return head .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

function response(status, headers, body)
  if status == 201 then s201 = s201 + 1
  elseif status == 200 then s200 = s200 + 1
  elseif status == 409 then s409 = s409 + 1
  elseif status == 503 then s503 = s503 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  else sother = sother + 1 end
end

function done(summary, latency, requests)
  local t = { sent = 0, s201 = 0, s200 = 0, s409 = 0, s4xx = 0, s503 = 0, s5xx = 0, sother = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (tonumber(thread:get(k)) or 0) end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  local lines = {
    string.format("texts=%d", #calls),
    string.format("categories=%d", category_count),
    string.format("duration_s=%.3f", secs),
    string.format("requests=%d", summary.requests),
    string.format("rps=%.1f", summary.requests / secs),
    string.format("p50_ms=%.3f", latency:percentile(50) / 1000),
    string.format("p90_ms=%.3f", latency:percentile(90) / 1000),
    string.format("p99_ms=%.3f", latency:percentile(99) / 1000),
    string.format("p999_ms=%.3f", latency:percentile(99.9) / 1000),
    string.format("max_ms=%.3f", latency.max / 1000),
    string.format("sent=%d", t.sent),
    string.format("status_201=%d", t.s201),
    string.format("status_200=%d", t.s200),
    string.format("status_409=%d", t.s409),
    string.format("status_4xx_other=%d", t.s4xx),
    string.format("status_503=%d", t.s503),
    string.format("status_5xx_other=%d", t.s5xx),
    string.format("status_other=%d", t.sother),
    string.format("non2xx=%d", e.status),
    string.format("socket_connect=%d", e.connect),
    string.format("socket_read=%d", e.read),
    string.format("socket_write=%d", e.write),
    string.format("socket_timeout=%d", e.timeout),
  }
  local out = table.concat(lines, "\n") .. "\n"
  io.write("--- bench.lua summary ---\n", out)
  local path = os.getenv("FENLIU_BENCH_RESULT")
  if path then
    local f = assert(io.open(path, "a"))
    f:write(out)
    f:close()
  end
end
