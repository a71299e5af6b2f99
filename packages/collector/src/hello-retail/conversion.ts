import { conversionFields, conversionProblem, type Conversion, type EcommerceEventInput } from "@tally/schema";

/**
 * The purchase a Hello Retail conversion body (its JS SDK's conversion object plus
 * `websiteUuid` and `trackingUserId`) stands for: the schema's mapping, the browser SDK's too
 * (total → revenue, orderNumber → transaction_id, customerId → user_id, productNumbers or urls
 * → line items), with trackingUserId → anonymous_id. Answers a message for what is wrong with
 * the body.
 */
export function conversionToPurchase(body: Record<string, unknown>): EcommerceEventInput | string {
  const problem = conversionProblem(body);
  if (problem) return problem;
  return {
    event_type: "purchase",
    ...conversionFields(body as unknown as Conversion),
    anonymous_id: (body.trackingUserId as string | undefined) || undefined,
  };
}
