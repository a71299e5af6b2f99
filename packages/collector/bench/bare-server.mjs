// The yardstick for the ingest benchmark: a bare Hono route on the same server adapter that
// reads and parses the same bodies, and nothing else.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.post("/v1/api/analytics/ecommerce/:kind", async (c) => {
  const body = JSON.parse(await c.req.text());
  return c.json(Array.isArray(body.events) ? { ok: true, accepted: body.events.length } : { ok: true });
});
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
  console.log(`listening on http://127.0.0.1:${info.port}`),
);
