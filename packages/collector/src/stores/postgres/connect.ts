import postgres from "postgres";

export type Sql = postgres.Sql;
/** A connection or a transaction on it: the queries take either. */
export type Tx = postgres.Sql | postgres.TransactionSql;

/** Whether a `--db` argument names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/** A database URL that cannot be used, said in one line that names it (without its password) and what to do. */
export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/** The URL with its password hidden, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

// int8 (counts, sums of integers, epoch milliseconds) and numeric (sums of int8) as numbers:
// every value the collector keeps fits a double exactly (money is in minor units).
const asNumber = { to: 20, from: [20, 1700], serialize: (x: number) => String(x), parse: (x: string) => Number(x) };

/**
 * A connection pool on the database `url` names, in `schema` when given (created when missing),
 * with integers parsed as numbers. Nothing is sent until the first query.
 */
export function connect(url: string, { schema, max = 10 }: { schema?: string; max?: number } = {}): Sql {
  return postgres(url, {
    max,
    onnotice: () => {},
    transform: { undefined: null },
    types: { int8: asNumber },
    connect_timeout: 10,
    connection: {
      // Statements are prepared once and run with other arrays each time: a generic plan for
      // `= ANY($1)` guesses the array's size and can scan a whole table where an index finds the few rows.
      plan_cache_mode: "force_custom_plan",
      ...(schema ? { search_path: schema } : {}),
    },
  });
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "EHOSTUNREACH",
  "EPIPE",
]);

/**
 * Whether an error means the database cannot be reached or is shutting down (so the request
 * may be tried again later), not that the statement was wrong.
 */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; errno?: string } | undefined;
  if (!e) return false;
  const code = e.code ?? e.errno ?? "";
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions.
  return CONNECTION_CODES.has(code) || /^(57P0[123]|08\d\d\d)$/.test(code);
}

/** What went wrong reaching `url`, in one line. */
export function describeConnectError(url: string, error: unknown): DatabaseUrlError {
  const e = error as { code?: string; message?: string };
  const where = redact(url);
  switch (e.code) {
    case "28P01":
    case "28000":
      return new DatabaseUrlError(`cannot sign in to ${where}: ${e.message} (check the user and password in --db)`);
    case "3D000":
      return new DatabaseUrlError(
        `${where}: ${e.message} (create it first, e.g. \`createdb\`, or fix the name in --db)`,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "CONNECT_TIMEOUT":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
      return new DatabaseUrlError(
        `cannot reach PostgreSQL at ${where} (${e.code}): is it running, and are the host and port in --db right?`,
      );
    default:
      return new DatabaseUrlError(`cannot open ${where}: ${e.message ?? String(error)}`);
  }
}
