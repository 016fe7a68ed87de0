-- wrk script for bench/surveys/run: answers through personal links, POST /s/{link}, each link
-- once. The links are read from LINKS_FILE; thread k of n takes every n-th from the k-th, so
-- no two requests use the same link. Each request comes from its own address (the server
-- runs with --trust-proxy), so a per-address limit is not what is measured.
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  local n = tonumber(os.getenv("WRK_THREADS") or "1")
  links = {}
  local i = 0
  for line in io.lines(os.getenv("LINKS_FILE")) do
    if i % n == id then table.insert(links, line) end
    i = i + 1
  end
  next_link = 1
  body = '{"answers":{"help-each-other":3,"share-knowledge":4,"disagreements-linger":1,' ..
         '"know-whom-to-ask":2,"cross-unit-works":3,"common-goals":2,"tasks-fall-between":1,' ..
         '"manager-listens":4,"manager-takes-up-needs":3,"manager-backs-cross-unit":2}}'
end
request = function()
  local link = links[next_link] or links[1]  -- out of links: a used one, answered 409
  local addr = string.format("10.%d.%d.%d", id, math.floor(next_link / 256) % 256, next_link % 256)
  next_link = next_link + 1
  return wrk.format("POST", "/s/" .. link,
                    {["Content-Type"] = "application/json", ["X-Forwarded-For"] = addr}, body)
end
