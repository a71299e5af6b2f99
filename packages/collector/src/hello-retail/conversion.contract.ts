// Hello Retail's conversion route: its body and its own `{ success, message }` answers.
import { conversionAnswer, conversionRefusal } from "@tally/schema";
import { z } from "zod";
import { defineRoute } from "../http/contract.js";

const refusal = (description: string) => ({ description, answer: conversionRefusal });

export const conversionRoute = defineRoute({
  method: "post",
  path: "/serve/collect/conversion",
  summary: "Hello Retail conversion tracking",
  description:
    "Hello Retail's REST contract: websiteUuid is the appspace's website id (no key); the conversion becomes a purchase.",
  tags: ["hello-retail"],
  security: [],
  body: z.object({
    websiteUuid: z.string(),
    trackingUserId: z.string().optional(),
    total: z.number(),
    orderNumber: z.string(),
    email: z.string().optional(),
    customerId: z.string().optional(),
    urls: z.array(z.string()).optional(),
    productNumbers: z.array(z.string()).optional(),
  }),
  answer: conversionAnswer,
  answerDescription: "Tracked",
  errors: {
    "400": refusal("Invalid input, or Website not found"),
    "403": refusal("Ecommerce events are not available on the free tier"),
    "413": refusal("The body is larger than the cap"),
    "429": refusal("Too many requests from the address, or the ecommerce event quota exceeded (Retry-After)"),
    "503": refusal("Catching up, or the store cannot be reached: send again after Retry-After"),
  },
});
