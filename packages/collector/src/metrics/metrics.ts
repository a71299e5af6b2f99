import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FraudCounts } from "../store.js";
import { RULE_NAMES } from "../policies/fraud/rules.js";
import type { DeliveryResult } from "../webhooks/deliverer.js";

export interface MetricsOptions {
  /** Seconds the projector is behind the inbox; 0 while ingest writes everything itself. */
  projectionLagSeconds?: () => number | Promise<number>;
  /** Inbox entries not yet projected; 0 while ingest writes everything itself. */
  inboxEntries?: () => number | Promise<number>;
  /** Webhook events neither delivered nor given up. */
  webhookBacklog?: () => number | Promise<number>;
}

/** What the collector's parts report; each call moves a counter of the registry. */
export interface Metrics {
  registry: Registry;
  request(method: string, route: string, status: number, seconds: number): void;
  query(endpoint: string, seconds: number): void;
  eventsAccepted(appspace: string, count: number): void;
  eventsRejected(reason: string, count: number): void;
  /** For the dedup step: repeats of an event id or an order that were dropped. */
  duplicatesDropped(count: number): void;
  /** Events an SDK had to drop or let expire, as it reported with a later batch. */
  sdkReportedLosses(kind: "dropped" | "expired", count: number): void;
  /** What the fraud rules did in a projection step, by rule. */
  fraud(counts: FraudCounts): void;
  /** A request refused because the appspace's monthly quota was used up. */
  quotaRefused(appspace: string): void;
  /** Accepted events a fraud rule at block will drop, counted at ingest, by appspace name and rule. */
  fraudDrops(appspace: string, rule: string, events: number): void;
  webhookDelivery(result: DeliveryResult): void;
  /** An inbox entry that failed to project, alone, twice, and was moved aside to `inbox_rejected`. */
  entrySetAside(): void;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The collector's Prometheus metrics in a registry of their own (with Node's process metrics),
 * so two collectors in one process, as in tests, never share counters.
 *
 * @example
 * const metrics = createMetrics({ inboxEntries: () => store.inboxSize() });
 * metrics.eventsAccepted("3f2c…", 100);
 * await metrics.registry.metrics(); // the text exposition format
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: "tally_http_requests_total",
    help: "HTTP requests answered, by route and status.",
    labelNames: ["method", "route", "status"],
    registers,
  });
  const latency = new Histogram({
    name: "tally_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route.",
    labelNames: ["method", "route"],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const queries = new Histogram({
    name: "tally_query_duration_seconds",
    help: "Time to answer a query endpoint.",
    labelNames: ["endpoint"],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const accepted = new Counter({
    name: "tally_events_accepted_total",
    help: "Events accepted at ingest (repeats included: the answer does not reveal dedup).",
    labelNames: ["appspace"],
    registers,
  });
  const rejected = new Counter({
    name: "tally_events_rejected_total",
    help: "Events or requests refused at ingest, by reason (a refused request counts once).",
    labelNames: ["reason"],
    registers,
  });
  const duplicates = new Counter({
    name: "tally_duplicates_dropped_total",
    help: "Repeated events and orders dropped by deduplication.",
    registers,
  });
  const losses = new Counter({
    name: "tally_sdk_reported_losses_total",
    help: "Events browser SDKs reported they had to drop or let expire.",
    labelNames: ["kind"],
    registers,
  });
  for (const kind of ["dropped", "expired"]) losses.inc({ kind }, 0);
  const blocked = new Counter({
    name: "tally_fraud_blocked_total",
    help: "Events dropped by a fraud rule at block (answered as accepted), by rule.",
    labelNames: ["rule"],
    registers,
  });
  const flagged = new Counter({
    name: "tally_fraud_flagged_total",
    help: "Events stored marked by a fraud rule at flag, by rule.",
    labelNames: ["rule"],
    registers,
  });
  for (const rule of RULE_NAMES) {
    blocked.inc({ rule }, 0);
    flagged.inc({ rule }, 0);
  }
  const quotaRefusals = new Counter({
    name: "tally_quota_refusals_total",
    help: "Ingest requests refused with 429 because the appspace's monthly quota was used up.",
    labelNames: ["appspace"],
    registers,
  });
  const setAside = new Counter({
    name: "tally_inbox_entries_set_aside_total",
    help: "Inbox entries that failed to project, alone, twice, and were moved aside to inbox_rejected.",
    registers,
  });
  const drops = new Counter({
    name: "tally_fraud_drops_total",
    help: "Accepted events a fraud rule at block drops (answered as accepted, never stored), counted at ingest, by appspace and rule.",
    labelNames: ["appspace", "rule"],
    registers,
  });
  const deliveries = new Counter({
    name: "tally_webhook_deliveries_total",
    help: "Webhook delivery attempts, by result: delivered, failed (tried again later), gave_up (after 24 h).",
    labelNames: ["result"],
    registers,
  });
  for (const result of ["delivered", "failed", "gave_up"]) deliveries.inc({ result }, 0);
  const webhookBacklog = options.webhookBacklog ?? (() => 0);
  new Gauge({
    name: "tally_webhook_backlog",
    help: "Webhook events waiting to be delivered.",
    registers,
    async collect() {
      this.set(await webhookBacklog());
    },
  });

  const lag = options.projectionLagSeconds ?? (() => 0);
  const inbox = options.inboxEntries ?? (() => 0);
  new Gauge({
    name: "tally_projection_lag_seconds",
    help: "How far the projector is behind the inbox.",
    registers,
    async collect() {
      this.set(await lag());
    },
  });
  new Gauge({
    name: "tally_inbox_entries",
    help: "Inbox entries waiting for the projector.",
    registers,
    async collect() {
      this.set(await inbox());
    },
  });

  return {
    registry,
    request: (method, route, status, seconds) => {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    query: (endpoint, seconds) => queries.observe({ endpoint }, seconds),
    eventsAccepted: (appspace, count) => {
      if (count > 0) accepted.inc({ appspace }, count);
    },
    eventsRejected: (reason, count) => {
      if (count > 0) rejected.inc({ reason }, count);
    },
    duplicatesDropped: (count) => duplicates.inc(count),
    sdkReportedLosses: (kind, count) => {
      if (count > 0) losses.inc({ kind }, count);
    },
    fraud: (counts) => {
      for (const [rule, n] of Object.entries(counts.blocked)) blocked.inc({ rule }, n);
      for (const [rule, n] of Object.entries(counts.flagged)) flagged.inc({ rule }, n);
    },
    quotaRefused: (appspace) => quotaRefusals.inc({ appspace }),
    fraudDrops: (appspace, rule, events) => drops.inc({ appspace, rule }, events),
    webhookDelivery: (result) => deliveries.inc({ result }),
    entrySetAside: () => setAside.inc(),
  };
}
