import { defineProject } from "vitest/config";

/**
 * The store-level suites again, on PostgreSQL: every test that goes through `harness()` or
 * `openTestStore()` gets a PostgreSQL store in a schema of its own on a private cluster.
 */
export const POSTGRES_SUITES = [
  "src/queries/queries.test.ts",
  "src/queries/hand-checked.test.ts",
  "src/queries/coverage.test.ts",
  "src/stores/read-model.test.ts",
  "src/ingest/dedup.test.ts",
  "src/ingest/ingest.routes.test.ts",
  "src/ingest/enrich.test.ts",
  "src/ingest/bad-input.test.ts",
  "src/ingest/hostile-values.test.ts",
  "src/http/exposure.test.ts",
  "src/currency/currency.test.ts",
  "src/sources/segment/segment.routes.test.ts",
  "src/sources/segment-browser/segment-browser.chromium.test.ts",
  "src/sources/sources.routes.test.ts",
  "src/sources/shopify/shopify.test.ts",
  "src/sources/shopify/shopify-pixel.chromium.test.ts",
  "src/sources/woocommerce/woocommerce.test.ts",
  "src/sources/stripe/stripe.test.ts",
  "src/hello-retail/conversion.routes.test.ts",
  "src/projector/projector.test.ts",
  "src/projection/erase.test.ts",
  "src/projection/exact-sums.test.ts",
  "src/policies/exclude-flagged.test.ts",
  "src/policies/fraud-rules.test.ts",
  "src/webhooks/outbox.test.ts",
  "src/webhooks/deliverer.test.ts",
  "src/stores/postgres/**/*.test.ts",
];

export default defineProject({
  test: {
    name: "collector-postgres",
    include: POSTGRES_SUITES,
    env: { TALLY_TEST_STORE: "postgres" },
    // Each request is a few round trips to a server instead of calls in the process.
    testTimeout: 30_000,
    globalSetup: ["src/test-support/postgres.global-setup.ts"],
  },
});
