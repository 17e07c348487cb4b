-- wrk script: durable appends over HTTP. Every request carries new events (unique eventIds),
-- spread over 2048 case streams (Benchmarks/serve.py seeds them); LEDGERD_BATCH events per request (default 1).
-- env: LEDGERD_TOKEN (a practitioner token), LEDGERD_BATCH, LEDGERD_SALT (8 hex digits).
local token = os.getenv("LEDGERD_TOKEN")
local batch = tonumber(os.getenv("LEDGERD_BATCH") or "1")
local salt = os.getenv("LEDGERD_SALT") or "00000000"
local nextThread = 0
local counter = 0

function setup(thread)
  thread:set("threadNumber", nextThread)
  nextThread = nextThread + 1
end

function request()
  counter = counter + 1
  local events = {}
  for i = 1, batch do
    local id = string.format("%s-%04x-4000-8000-%012x", salt, threadNumber, counter * batch + i)
    events[i] = '{"eventId":"' .. id .. '","type":"ConsentRecorded","occurredAt":"2025-03-04T10:20:00Z",'
      .. '"actor":"sw1","data":{"scope":"assessment","givenBy":"parent","givenOn":"2025-03-04"}}'
  end
  local body = events[1]
  if batch > 1 then body = "[" .. table.concat(events, ",") .. "]" end
  return wrk.format("POST", "/streams/case-c" .. ((counter * 7 + threadNumber * 1021) % 2048), {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end
