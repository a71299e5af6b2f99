// The dashboard's routes: its page and assets, the redirects to it, and the appspace route it
// reads first.
import { appspaceAnswer } from "@tally/schema";
import { z } from "zod";
import { defineRoute } from "../http/contract.js";
import { QUERY_ERRORS } from "../queries/query-contract.js";

const dashboard = { method: "get" as const, tags: ["dashboard"], security: [] };
const NOT_BUILT = "The dashboard is not built";

const redirect = (path: string, status: "301" | "302", description: string) =>
  defineRoute({
    ...dashboard,
    path,
    summary: "Redirects to /dashboard",
    answer: z.never(),
    answerTypes: null,
    answerDescription: "Never: answers a redirect",
    errors: { [status]: { description: `${description}: /dashboard, with the same query string` } },
  });

export const rootRoute = redirect("/", "302", "Found");
export const dashboardSlashRoute = redirect("/dashboard/", "301", "Moved");

export const dashboardPageRoute = defineRoute({
  ...dashboard,
  path: "/dashboard",
  summary: "The dashboard (sign in with a secret key)",
  answer: z.string().meta({ description: "The dashboard's page" }),
  answerTypes: ["text/html"],
  answerDescription: "The dashboard's page, under a strict Content-Security-Policy",
  errors: { "404": NOT_BUILT },
});

export const dashboardAssetRoute = defineRoute({
  ...dashboard,
  path: "/dashboard/assets/{name}",
  summary: "The dashboard's script and style sheet, content-hashed and cached for good",
  params: z.object({ name: z.string().meta({ description: "The file's content-hashed name" }) }),
  answer: z.string().meta({ description: "The file" }),
  answerTypes: ["application/javascript", "text/css"],
  answerDescription: "The file (gzip by Accept-Encoding), cacheable for a year",
  errors: { "404": `No such file, or ${NOT_BUILT.toLowerCase()}` },
});

export const appspaceRoute = defineRoute({
  method: "get",
  path: "/v1/api/analytics/appspace",
  summary: "The appspace a secret key belongs to",
  tags: ["dashboard"],
  security: [{ secretKey: [] }],
  answer: appspaceAnswer,
  answerDescription:
    "Its id, name, base currency and retention, and the events each fraud rule at block dropped this UTC month",
  errors: { "401": QUERY_ERRORS["401"], "403": QUERY_ERRORS["403"] },
});

export const DASHBOARD_ROUTES = [
  rootRoute,
  dashboardSlashRoute,
  dashboardPageRoute,
  dashboardAssetRoute,
  appspaceRoute,
];
