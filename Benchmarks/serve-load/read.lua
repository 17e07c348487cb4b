-- wrk script: one read per request at a random position of the log.
-- env: LEDGERD_TOKEN (an integration token; a practitioner's for "case"), LEDGERD_EVENTS (the log's size),
--      LEDGERD_PATH ("proof": GET /proofs/inclusion?seq=N; "event": GET /events?from=N&limit=1;
--                    "case": GET /cases/cK, K random below LEDGERD_CASES, the cases serve.py seeds;
--                    "unled": GET /views/unled, a manager's view of every seeded case, a heavy read).
local token = os.getenv("LEDGERD_TOKEN")
local events = tonumber(os.getenv("LEDGERD_EVENTS") or "1")
local kind = os.getenv("LEDGERD_PATH") or "proof"
local cases = tonumber(os.getenv("LEDGERD_CASES") or "1")

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local seq = math.random(1, events)
  local path = "/proofs/inclusion?seq=" .. seq
  if kind == "event" then path = "/events?from=" .. seq .. "&limit=1" end
  if kind == "case" then path = "/cases/c" .. math.random(0, cases - 1) end
  if kind == "unled" then path = "/views/unled" end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
