import { randomUUID } from "node:crypto";
import { createAppspace } from "../appspaces/create-appspace.js";
import { DEFAULT_DB, parseFlags, required, UsageError } from "./args.js";
import { settingsChanges, settingsText, settingsView, type SettingsFlags } from "./appspace-settings.js";
import { monthOf } from "../policies/month.js";
import { appspaceOrFail, withStore } from "./store-file.js";
import { knownCurrency, ratesChoice } from "./rates-option.js";
import type { CollectorAssets } from "../assets/collector-assets.js";

export const APPSPACE_USAGE = `Usage:
  tally-collector appspace create [--db FILE] --name NAME --currency ISO [--retention-days N] [--rates FILE] [--json]
  tally-collector appspace list [--db FILE] [--json]
  tally-collector appspace update [--db FILE] --id ID [--name N] [--currency ISO] [--plan free|pro]
                                  [--quota EVENTS_PER_MONTH|none] [--retention DAYS] [--max-order-value AMOUNT|none]
                                  [--currencies ISO,ISO|any] [--fraud RULE=off|flag|block]… [--hello-retail on|off] [--json]
  tally-collector appspace show [--db FILE] --id ID [--json]
  tally-collector appspace rotate-website-id [--db FILE] --id ID [--json]

create  makes an appspace with a publishable key (pk_…, browsers: ingest only) and a
        secret key (sk_…, servers: ingest and query). The keys are shown once.
        --currency is the base every amount is converted to: the rates file (--rates, default
        the shipped snapshot) must have a rate for it.
list    shows every appspace in the database, with the start and end of each active key.
update  changes its settings. Defaults: plan pro (nothing gated), no quota, retention 365 days,
        no max order value, any currency; fraud rules bot=block, impossible_revenue=flag,
        velocity=flag, currency_restricted=flag. A free plan refuses ingest with 403; a quota
        (accepted events a UTC month) with 429 once used up. --max-order-value is in the base
        currency. A new --currency applies to events from then on (stored amounts stay as converted).
        A running collector sees a change within a few seconds. --hello-retail off refuses
        Hello Retail's conversion route for the appspace ("Website not found"); on is the default.
show    prints the settings, the website id among them.
rotate-website-id
        gives the appspace a new random website id (Hello Retail's websiteUuid, which is in every
        shop page): conversions sent with the old one are refused from then on. Appspaces made
        before website ids existed use their appspace id until rotated.

--db defaults to ${DEFAULT_DB}.`;

export async function appspaceCommand(
  argv: string[],
  out: (line: string) => void,
  assets: CollectorAssets,
): Promise<void> {
  const [action, ...rest] = argv;
  if (action === "create") {
    const flags = parseFlags(rest, {
      db: { type: "string", default: DEFAULT_DB },
      name: { type: "string" },
      currency: { type: "string" },
      "retention-days": { type: "string" },
      rates: { type: "string" },
      json: { type: "boolean" },
    });
    if (flags.help) return out(APPSPACE_USAGE);
    const name = required(flags, "name");
    if (!name.trim()) throw new UsageError("--name must not be blank");
    const retention = flags["retention-days"] === undefined ? undefined : Number(flags["retention-days"]);
    if (retention !== undefined && !(Number.isInteger(retention) && retention > 0)) {
      throw new UsageError("--retention-days must be a whole number of days");
    }
    const currency = knownCurrency(required(flags, "currency"), ratesChoice(flags.rates, assets));
    const created = await withStore(flags.db as string, false, (store) =>
      createAppspace(store, { name, currency, retentionDays: retention }),
    );
    if (flags.json) return out(JSON.stringify(created, null, 2));
    return out(`Appspace "${created.name}" (${created.currency})
  id               ${created.id}
  website id       ${created.website_id}   (Hello Retail's websiteUuid)
  publishable key  ${created.publishable_key}   (browsers: ingest only)
  secret key       ${created.secret_key}   (servers: ingest and query; keep it private)
The keys are shown only now. More: tally-collector key create --db ${flags.db} --appspace ${created.id} --kind publishable|secret`);
  }
  if (action === "list") {
    const flags = parseFlags(rest, { db: { type: "string", default: DEFAULT_DB }, json: { type: "boolean" } });
    if (flags.help) return out(APPSPACE_USAGE);
    const rows = await withStore(flags.db as string, true, async (store) =>
      Promise.all(
        (await store.listAppspaces()).map(async ({ id, name, currency, retention_days }) => ({
          id,
          name,
          currency,
          retention_days,
          keys: (await store.listKeys(id))
            .filter((k) => k.revoked_at === null)
            .map((k) => ({ id: k.seq, kind: k.kind, hint: k.key_hint })),
        })),
      ),
    );
    if (flags.json) return out(JSON.stringify(rows, null, 2));
    if (rows.length === 0)
      return out(
        `No appspaces in ${flags.db}. Create one: tally-collector appspace create --db ${flags.db} --name NAME --currency USD`,
      );
    for (const r of rows) {
      const keys = r.keys.map((k) => `${k.kind} ${k.hint}`).join(", ") || "no active key";
      out(`${r.id}  ${r.currency}  ${r.retention_days}d  ${r.name}\n    keys: ${keys}`);
    }
    return;
  }
  if (action === "update") {
    const flags = parseFlags(rest, {
      db: { type: "string", default: DEFAULT_DB },
      id: { type: "string" },
      name: { type: "string" },
      currency: { type: "string" },
      plan: { type: "string" },
      quota: { type: "string" },
      retention: { type: "string" },
      "max-order-value": { type: "string" },
      currencies: { type: "string" },
      fraud: { type: "string", multiple: true },
      "hello-retail": { type: "string" },
      json: { type: "boolean" },
    });
    if (flags.help) return out(APPSPACE_USAGE);
    const id = required(flags, "id");
    const view = await withStore(flags.db as string, true, async (store) => {
      const row = await appspaceOrFail(store, id, flags.db as string);
      const changes = settingsChanges(flags as unknown as SettingsFlags, row);
      if (changes.currency !== undefined) knownCurrency(changes.currency, ratesChoice(undefined, assets));
      return settingsView((await store.updateAppspace(id, changes))!);
    });
    return out(
      flags.json
        ? JSON.stringify(view, null, 2)
        : `Updated.\n${settingsText(view, 0).replace(/ \(0 used this month\)/, "")}`,
    );
  }
  if (action === "show") {
    const flags = parseFlags(rest, {
      db: { type: "string", default: DEFAULT_DB },
      id: { type: "string" },
      json: { type: "boolean" },
    });
    if (flags.help) return out(APPSPACE_USAGE);
    const id = required(flags, "id");
    return withStore(flags.db as string, true, async (store) => {
      const row = await appspaceOrFail(store, id, flags.db as string);
      const month = monthOf(Date.now());
      // What the fraud rules at block dropped this month: answered as accepted, so only seen here.
      const view = { ...settingsView(row), dropped_this_month: await store.fraudDrops(row.seq, month) };
      out(flags.json ? JSON.stringify(view, null, 2) : settingsText(view, await store.quotaUsage(row.seq, month)));
    });
  }
  if (action === "rotate-website-id") {
    const flags = parseFlags(rest, {
      db: { type: "string", default: DEFAULT_DB },
      id: { type: "string" },
      json: { type: "boolean" },
    });
    if (flags.help) return out(APPSPACE_USAGE);
    const id = required(flags, "id");
    const websiteId = randomUUID();
    await withStore(flags.db as string, true, async (store) => {
      await appspaceOrFail(store, id, flags.db as string);
      await store.updateAppspace(id, { website_id: websiteId });
    });
    return out(
      flags.json
        ? JSON.stringify({ id, website_id: websiteId }, null, 2)
        : `New website id ${websiteId}: put it in the shop's Hello Retail snippet (websiteUuid); the old one is refused from now on.`,
    );
  }
  if (action === undefined || action === "--help" || action === "-h" || action === "help") return out(APPSPACE_USAGE);
  throw new UsageError(`unknown appspace command "${action}"`);
}
