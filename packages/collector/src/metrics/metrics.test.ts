import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** `serve --metrics-port 0` as a real process: the collector's URL and the metrics URL it printed. */
async function serveWithMetrics(...more: string[]) {
  const db = join(mkdtempSync(join(tmpdir(), "tally-metrics-")), "shop.db");
  const keys = JSON.parse(
    execFileSync(
      process.execPath,
      [CLI, "appspace", "create", "--db", db, "--name", "Shop", "--currency", "USD", "--json"],
      { encoding: "utf8" },
    ),
  );
  const child = spawn(
    process.execPath,
    [CLI, "serve", "--db", db, "--port", "0", "--metrics-port", "0", "--no-demo", ...more],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const output = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      if (/listening on/.test(out)) resolve(out);
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return {
    keys,
    url: output.match(/listening on (http:\/\/\S+)/)![1]!,
    metrics: output.match(/Prometheus metrics at (http:\/\/\S+)/)![1]!,
  };
}

/** The value of one sample in Prometheus' text format, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    const inside = l.match(/\{(.*)\}/)?.[1]?.split(",") ?? [];
    return wanted.every((w) => inside.includes(w));
  });
  return line ? Number(line.split(" ").at(-1)) : 0;
}

const purchase = (order: string) => ({ event_type: "purchase", transaction_id: order, revenue: 10 });

describe("Prometheus metrics (serve --metrics-port)", { timeout: 30_000 }, () => {
  it("listen on 127.0.0.1 even when the collector listens on every interface, and name no appspace by its id", async () => {
    const { keys, url, metrics } = await serveWithMetrics("--host", "0.0.0.0");
    expect(new URL(metrics).hostname).toBe("127.0.0.1");
    const local = new URL(url);
    await fetch(`http://127.0.0.1:${local.port}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.publishable_key}` },
      body: JSON.stringify(purchase("o-1")),
    });
    await fetch(`http://127.0.0.1:${local.port}/serve/collect/conversion`, {
      method: "POST",
      body: JSON.stringify({
        websiteUuid: keys.website_id,
        orderNumber: "h1",
        total: 10,
        trackingUserId: "t",
        productNumbers: ["p"],
      }),
    });
    const text = await (await fetch(metrics)).text();
    expect(sample(text, "tally_events_accepted_total", { appspace: "Shop" })).toBe(2);
    expect(text).not.toContain(keys.id);
  });

  it("serves /metrics on its own port only, and its counters move with traffic", async () => {
    const { keys, url, metrics } = await serveWithMetrics();
    expect(new URL(metrics).port).not.toBe(new URL(url).port);
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect((await fetch(metrics.replace("/metrics", "/other"))).status).toBe(404);

    const before = await (await fetch(metrics)).text();
    for (const name of [
      "tally_http_requests_total",
      "tally_events_accepted_total",
      "tally_events_rejected_total",
      "tally_duplicates_dropped_total",
      "tally_projection_lag_seconds",
      "tally_inbox_entries",
      "tally_query_duration_seconds",
      "tally_sdk_reported_losses_total",
      "process_cpu_user_seconds_total",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(before, name).toContain(`# TYPE ${name}`);
    }
    expect(sample(before, "tally_events_accepted_total", { appspace: "Shop" })).toBe(0);

    // An SDK batch (key in the URL, text/plain, with a loss report): two events in, one skipped.
    const batch = await fetch(`${url}/v1/api/analytics/ecommerce/batch?key=${keys.publishable_key}`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({
        events: [purchase("o-1"), { event_type: "purchase", revenue: 5 }, purchase("o-2")],
        sdk: { dropped: 3, expired: 1 },
      }),
    });
    expect(await batch.json()).toMatchObject({ accepted: 2 });
    // A key in the body, and a refused single event.
    await fetch(`${url}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      body: JSON.stringify({ key: keys.publishable_key, ...purchase("o-3") }),
    });
    await fetch(`${url}/v1/api/analytics/ecommerce/track`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.publishable_key}` },
      body: JSON.stringify({ event_type: "nope" }),
    });
    for (let i = 0; i < 2; i++)
      await fetch(`${url}/v1/api/analytics/ecommerce/overview`, {
        headers: { authorization: `Bearer ${keys.secret_key}` },
      });
    await fetch(`${url}/v1/api/analytics/ecommerce/funnel`);
    await fetch(`${url}/no/such/page`);
    await fetch(`${url}/v1/api/analytics/ecommerce/batch`, {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST" },
    });

    const after = await (await fetch(metrics)).text();
    expect(sample(after, "tally_events_accepted_total", { appspace: "Shop" })).toBe(3);
    expect(
      sample(after, "tally_events_rejected_total", { reason: "transaction_id is required for purchase events" }),
    ).toBe(1);
    expect(sample(after, "tally_events_rejected_total", { reason: "Invalid ecommerce event_type" })).toBe(1);
    expect(sample(after, "tally_sdk_reported_losses_total", { kind: "dropped" })).toBe(3);
    expect(sample(after, "tally_sdk_reported_losses_total", { kind: "expired" })).toBe(1);
    const overview = { method: "GET", route: "/v1/api/analytics/ecommerce/overview" };
    expect(sample(after, "tally_http_requests_total", { ...overview, status: "200" })).toBe(2);
    expect(
      sample(after, "tally_http_requests_total", { route: "/v1/api/analytics/ecommerce/funnel", status: "401" }),
    ).toBe(1);
    expect(
      sample(after, "tally_http_requests_total", { route: "/v1/api/analytics/ecommerce/batch", status: "200" }),
    ).toBe(1);
    expect(sample(after, "tally_http_requests_total", { route: "unmatched", status: "404" })).toBe(2);
    // A preflight is answered by middleware alone: labelled with the middleware's path, not as unmatched.
    expect(sample(after, "tally_http_requests_total", { method: "OPTIONS", status: "204" })).toBe(1);
    expect(sample(after, "tally_http_requests_total", { method: "OPTIONS", route: "unmatched" })).toBe(0);
    expect(sample(after, "tally_http_request_duration_seconds_count", overview)).toBe(2);
    expect(sample(after, "tally_query_duration_seconds_count", { endpoint: "overview" })).toBe(2);
    // Refused queries are not timed as answers.
    expect(sample(after, "tally_query_duration_seconds_count", { endpoint: "funnel" })).toBe(0);
  });

  it("refuses a bad --metrics-port with the usage", () => {
    expect(() =>
      execFileSync(process.execPath, [CLI, "serve", "--db", ":memory:", "--metrics-port", "http"], { stdio: "pipe" }),
    ).toThrow(/--metrics-port must be a number from 0 to 65535/);
  });
});
