import { z } from "zod";
import { defineRoute } from "../http/contract.js";
import { EXCLUDE_FLAGGED } from "./params.js";

export const ECOMMERCE = "/v1/api/analytics/ecommerce";

export const QUERY_ERRORS = {
  "400": "A parameter is invalid (code query.invalid_<name>)",
  "401": "No key, an unknown or revoked key, or a secret key outside the Authorization header",
  "403": "A publishable key: queries need a secret key",
};

/**
 * The contract of a query endpoint: `GET /v1/api/analytics/ecommerce/<name>` with a secret key,
 * its parameters followed by `exclude_flagged`, which every query reads.
 *
 * @example
 * export const funnelRoute = queryRoute("funnel", { summary: "Purchase funnel", query: RANGE_PARAMS, answer: funnelAnswer });
 */
export function queryRoute<S extends z.ZodRawShape, A extends z.ZodType>(
  name: string,
  declared: { summary: string; description: string; query: S; answer: A },
) {
  return defineRoute({
    method: "get",
    path: `${ECOMMERCE}/${name}`,
    summary: declared.summary,
    description: declared.description,
    tags: ["queries"],
    security: [{ secretKey: [] }],
    query: z.object({ ...declared.query, ...EXCLUDE_FLAGGED }),
    params: undefined,
    answer: declared.answer,
    errors: QUERY_ERRORS,
  });
}
