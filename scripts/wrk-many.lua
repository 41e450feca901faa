-- wrk script for scripts/bench-web.sh: requests spread over many pages instead of one, so that most are
-- made afresh rather than kept. MANY_PATH is a format with one %d ("/instruments/%d"), filled with a random
-- number from 1 to MANY_MAX (multiplied by MANY_STEP, default 1).
local path = os.getenv("MANY_PATH")
local max = tonumber(os.getenv("MANY_MAX"))
local step = tonumber(os.getenv("MANY_STEP") or "1")

function init(args)
  math.randomseed(math.floor(os.clock() * 1e6) + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  return wrk.format("GET", string.format(path, math.random(1, max) * step))
end
