import type { AppspaceRow } from "../store.js";
import type { CreatedAppspace } from "../appspaces/create-appspace.js";
import { shownDb } from "./store-file.js";

/** The script tag to paste: the versioned, immutable URL of the bundle (`version`) when it is built. */
export function scriptTag(origin: string, key: string, version: string | undefined): string {
  return `<script async src="${origin}/${version ? `tally.${version}.js` : "tally.js"}" data-key="${key}"></script>`;
}

const dbFlag = (file: string) => (file === "./tally.db" ? "" : ` --db ${shownDb(file)}`);

/** What the first start prints: the demo appspace's keys (shown only now), a script tag, curls. */
export function demoBanner(
  url: string,
  demo: CreatedAppspace,
  file: string,
  bundleVersion: string | undefined,
  history?: string,
  scriptPath?: string,
): string {
  // Two T-shirts at 24.99: the revenue is what the items add up to.
  const body = JSON.stringify({
    event_type: "purchase",
    transaction_id: "order_456",
    revenue: 49.98,
    currency: "USD",
    user_id: "user_123",
    items: [{ item_id: "sku_1", item_name: "T-Shirt", price: 24.99, quantity: 2 }],
  });
  return `
Created the demo appspace "${demo.name}" (${demo.currency})${history ? ` ${history}` : ""}; its keys are shown only now:
  appspace id      ${demo.id}
  publishable key  ${demo.publishable_key}   (browsers: ingest only)
  secret key       ${demo.secret_key}   (queries: keep it private)
Lost one? Make a new one: tally-collector key create${dbFlag(file)} --appspace ${demo.id} --kind secret

Put this on a shop page:
  ${scriptTag(url, demo.publishable_key, bundleVersion)}

${scriptPath ? `Or, with ${scriptPath} behind the shop's own domain (see the SDK README):\n  <script async src="${scriptPath}" data-key="${demo.publishable_key}"></script>\n\n` : ""}Send a purchase from your server (the secret key: a publishable key's events from curl or
another non-browser client are dropped by the bot rule, as a bot's would be):
  curl -s ${url}/v1/api/analytics/ecommerce/track -H 'Authorization: Bearer ${demo.secret_key}' \\
    -H 'Content-Type: application/json' -d '${body}'
Read the numbers: open ${url}/dashboard and sign in with the secret key, or
  curl -s ${url}/v1/api/analytics/ecommerce/overview -H 'Authorization: Bearer ${demo.secret_key}'
`;
}

/** What a later start prints: the appspaces, and how to get keys (they are stored hashed). */
export function knownAppspacesBanner(appspaces: AppspaceRow[], file: string): string {
  if (appspaces.length === 0) {
    return `No appspace yet. Create one (it prints its keys):\n  tally-collector appspace create${dbFlag(file)} --name "My shop" --currency USD`;
  }
  const first = appspaces[0]!;
  return [
    `Appspaces: ${appspaces.map((a) => `${a.name} (${a.id})`).join(", ")}`,
    `Keys are stored hashed and shown only when made. Need one? tally-collector key create${dbFlag(file)} --appspace ${first.id} --kind publishable|secret`,
    `(tally-collector appspace list${dbFlag(file)} shows each key's start and end.)`,
  ].join("\n");
}
