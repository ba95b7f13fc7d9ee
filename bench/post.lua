-- POST {} with no cookie: every request is a new visitor's first view,
-- the most expensive path (eight SQL statements).
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
