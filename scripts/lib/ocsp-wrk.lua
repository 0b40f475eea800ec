-- wrk script: cycles through pre-built OCSP requests (one per issued certificate).
-- OCSP_MODE=get uses get-paths.txt; OCSP_MODE=post sends the DER bodies from post-bodies.hex.
local mode = os.getenv("OCSP_MODE") or "get"
local dir = os.getenv("OCSP_DIR") or "."
local items, n, i = {}, 0, 0

local function unhex(s)
  return (s:gsub("..", function(cc) return string.char(tonumber(cc, 16)) end))
end

local file = io.open(dir .. (mode == "get" and "/get-paths.txt" or "/post-bodies.hex"), "r")
for line in file:lines() do
  n = n + 1
  items[n] = (mode == "get") and line or unhex(line)
end
file:close()

function setup(thread)
  thread:set("offset", math.random(n))
end

request = function()
  i = i + 1
  local item = items[(i + (offset or 0)) % n + 1]
  if mode == "get" then
    return wrk.format("GET", item)
  end
  return wrk.format("POST", "/ocsp", { ["Content-Type"] = "application/ocsp-request" }, item)
end
