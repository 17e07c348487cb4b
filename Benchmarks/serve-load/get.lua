-- wrk script: the same GET every request.
-- env: LEDGERD_TOKEN (a bearer token), LEDGERD_GET (the path and query).
local token = os.getenv("LEDGERD_TOKEN")
local path = os.getenv("LEDGERD_GET") or "/health"

function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
