import type { AppspaceAnswer, EcommerceAnswers } from "@tally/schema";

/** An answer of the query API that is not a 2xx, with the `code` and message the API gave. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The appspace a secret key belongs to, as its contract declares it (`GET /v1/api/analytics/appspace`). */
export type Appspace = AppspaceAnswer;

export interface Api {
  appspace(): Promise<Appspace>;
  /** `GET /v1/api/analytics/ecommerce/<endpoint>?<params>`, typed by the endpoint's declared answer. */
  ecommerce<E extends keyof EcommerceAnswers>(
    endpoint: E,
    params?: Record<string, string>,
  ): Promise<EcommerceAnswers[E]>;
}

/**
 * The query API with one secret key. The key travels only in the `Authorization` header: never
 * in a URL, where it would reach logs and the browser history.
 *
 * @example
 * const api = createApi("sk_…");
 * const overview = await api.ecommerce("overview", { days: "30" });
 */
export function createApi(key: string): Api {
  async function get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const query = new URLSearchParams(params).toString();
    const url = `${path}${query ? `?${query}` : ""}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${key}` }, cache: "no-store" });
    } catch (error) {
      throw new ApiError(
        0,
        "network.unreachable",
        `The collector did not answer GET ${path} (${(error as Error).message})`,
      );
    }
    const body = await res.json().catch(() => undefined);
    if (!res.ok) {
      const message = typeof body?.error === "string" ? body.error : `GET ${path} answered ${res.status}`;
      throw new ApiError(res.status, typeof body?.code === "string" ? body.code : "http.error", message);
    }
    return body as T;
  }
  return {
    appspace: () => get<Appspace>("/v1/api/analytics/appspace"),
    ecommerce: (endpoint, params) => get(`/v1/api/analytics/ecommerce/${endpoint}`, params),
  };
}
