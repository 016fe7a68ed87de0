-- wrk script for bench/signals/run: citizens' signals on the public form, each from its own
-- address (the server runs with --trust-proxy), to one unit read from UNIT_ID.
local unit = os.getenv("UNIT_ID")
local n = 0
request = function()
  n = n + 1
  local addr = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  local body = '{"what":"Gadelyset er gået ved nr. ' .. n .. '","where":"Skolevej","unit_id":"' .. unit .. '"}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-Forwarded-For"] = addr}, body)
end
