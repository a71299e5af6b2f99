import type { z } from "zod";
import { TallyError } from "../errors.js";

/** Who may call a route, as the OpenAPI document names its security schemes. */
export type Security = Array<Record<string, string[]>>;

/**
 * One route's contract, declared once: the route parses its parameters with `query`/`params`
 * and types its answer with `answer`; `/openapi.json` is generated from these declarations.
 */
export interface RouteContract<
  Q extends z.ZodObject = z.ZodObject,
  P extends z.ZodObject = z.ZodObject,
  A extends z.ZodType = z.ZodType,
> {
  method: "get" | "post" | "delete";
  /** The full path, OpenAPI style (`/v1/api/analytics/user/{userId}`). */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Security;
  /** Query string parameters, in the order they are listed (and checked). */
  query?: Q;
  /** Path parameters. */
  params?: P;
  /** A JSON body (also accepted as text/plain, as the ingest routes read it). */
  body?: z.ZodType;
  /** The media types the body is read as; by default JSON, or text/plain holding JSON. */
  bodyTypes?: string[];
  /** The 200 answer. */
  answer: A;
  /**
   * The media types of the 200 answer; by default JSON. Another type's answer is text (the
   * script, the page) that `answer` describes; `null`: no 200 body (a redirect).
   */
  answerTypes?: string[] | null;
  answerDescription?: string;
  /**
   * Every other status it may answer, with what it means: a description alone has the `Error`
   * body (`{ error, code }`); `{ description, answer }` another JSON body; `{ description }` none.
   */
  errors: Record<string, string | OtherAnswer>;
}

/** A status answered with another JSON body than `Error` (`answer`), or with none. */
export interface OtherAnswer {
  description: string;
  answer?: z.ZodType;
}

/** Declares a route's contract (an identity that keeps its schemas' types). */
export const defineRoute = <Q extends z.ZodObject, P extends z.ZodObject, A extends z.ZodType>(
  contract: RouteContract<Q, P, A>,
) => contract;

/** The answer a route's contract declares. */
export type Answer<R extends RouteContract> = z.input<R["answer"]>;

function parse<S extends z.ZodObject>(schema: S, read: (name: string) => string | undefined): z.output<S> {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, read(name)]));
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // The first parameter in declaration order that fails, as `query.invalid_<name>`.
  const issue = result.error.issues[0]!;
  throw new TallyError(400, `query.invalid_${String(issue.path[0])}`, issue.message);
}

/**
 * A request's query parameters, parsed by its contract; the first invalid one is a 400 with
 * the message its schema gives.
 *
 * @example
 * const { limit } = queryOf(topProducts, (name) => c.req.query(name));
 */
export const queryOf = <Q extends z.ZodObject>(
  contract: RouteContract<Q>,
  read: (name: string) => string | undefined,
): z.output<Q> => parse(contract.query!, read);

/** A request's path parameters, parsed by its contract. */
export const paramsOf = <P extends z.ZodObject>(
  contract: RouteContract<z.ZodObject, P>,
  read: (name: string) => string | undefined,
): z.output<P> => parse(contract.params!, read);

/** A contract's path as Hono spells it (`/user/:userId`). */
export const routePath = (contract: RouteContract) => contract.path.replace(/\{(\w+)\}/g, ":$1");
