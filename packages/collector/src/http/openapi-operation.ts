import { z } from "zod";
import type { OtherAnswer, RouteContract } from "./contract.js";

type JsonSchema = Record<string, unknown>;

/** A zod schema as the JSON Schema of what it yields (integers for parsed numbers, defaults). */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return json;
}

const ERROR = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const JSON_TYPES = ["application/json"];
const BODY_TYPES = ["application/json", "text/plain"];
const contentOf = (types: string[], schema: unknown) => Object.fromEntries(types.map((type) => [type, { schema }]));

function otherAnswer(answer: string | OtherAnswer) {
  if (typeof answer === "string") return { description: answer, ...ERROR };
  const { description, answer: schema } = answer;
  return { description, ...(schema && { content: contentOf(JSON_TYPES, jsonSchemaOf(schema)) }) };
}

function parameters(schema: z.ZodObject | undefined, where: "query" | "path") {
  if (!schema) return [];
  // Required as a client sends it: a parameter with a default may be left out.
  const required = new Set((jsonSchemaOf(schema, "input").required as string[] | undefined) ?? []);
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = jsonSchemaOf(field as z.ZodType);
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description !== undefined && { description }),
      schema: fieldSchema,
    };
  });
}

/**
 * The OpenAPI operation of a route's contract, keyed by path and method.
 *
 * @example
 * const paths = pathsOf([overview, topProducts]); // { "/v1/…/overview": { get: { … } }, … }
 */
export function pathsOf(contracts: readonly RouteContract[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of contracts) {
    const body = c.body && jsonSchemaOf(c.body, "input");
    paths[c.path] ??= {};
    paths[c.path]![c.method] = {
      summary: c.summary,
      ...(c.description !== undefined && { description: c.description }),
      tags: c.tags,
      security: c.security,
      ...((c.query || c.params) && {
        parameters: [...parameters(c.params, "path"), ...parameters(c.query, "query")],
      }),
      ...(body && {
        requestBody: {
          required: true,
          content: contentOf(c.bodyTypes ?? BODY_TYPES, body),
        },
      }),
      responses: {
        "200": {
          description: c.answerDescription ?? "The answer",
          ...(c.answerTypes !== null && { content: contentOf(c.answerTypes ?? JSON_TYPES, jsonSchemaOf(c.answer)) }),
        },
        ...Object.fromEntries(Object.entries(c.errors).map(([status, answer]) => [status, otherAnswer(answer)])),
      },
    };
  }
  return paths;
}
