-- POST {} with no cookie: every request is a new visitor's first view, the
-- most expensive path (the address's allowance of new visitors, then the
-- count). Each request comes from an address of its own, forwarded by the
-- one proxy the server trusts (DJANGO_TRUSTED_PROXY_COUNT=1), as many readers
-- arrive through nginx: the allowance is taken on every request and never
-- spent, so every request counts.
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"

local counter = 0

function setup(thread)
  thread:set("first", counter * 8388608)
  counter = counter + 1
end

function request()
  first = first + 1
  local n = first
  wrk.headers["X-Forwarded-For"] = string.format(
    "10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256
  )
  return wrk.format()
end
