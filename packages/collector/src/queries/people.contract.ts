// user-journey, and erasing a person (by path, or by query string for ids a path cannot carry).
import { eraseAnswer, journeyAnswer } from "@tally/schema";
import { z } from "zod";
import { defineRoute } from "../http/contract.js";
import { RANGE_PARAMS, textParam } from "./params.js";
import { QUERY_ERRORS, queryRoute } from "./query-contract.js";

export const journeyRoute = queryRoute("user-journey", {
  summary: "A user's events",
  description:
    "Every event of the user (stitched anonymous ids included), oldest first; the whole retention unless days/start/end narrow it.",
  query: { user_id: textParam("user_id", "The user"), ...RANGE_PARAMS },
  answer: journeyAnswer,
});

const erase = {
  tags: ["erase"],
  security: [{ secretKey: [] }],
  answer: eraseAnswer,
  answerDescription: "Erased",
  errors: {
    ...QUERY_ERRORS,
    "409":
      "Events acknowledged before the erase are still being stored (more than 60 s of projection behind); nothing was erased: send it again after Retry-After (code erase.projection_behind)",
  },
};

export const eraseByPathRoute = defineRoute({
  method: "delete",
  path: "/v1/api/analytics/user/{userId}",
  summary: "Erase a user",
  description:
    "First waits for the appspace's projection to pass every event acknowledged before it. Afterwards no stored row holds the user id, its stitched anonymous ids or its email, and no webhook about them is sent. Bare event and transaction ids stay, so a late retry cannot bring the data back.",
  params: z.object({ userId: textParam("userId", "The user") }),
  ...erase,
});

export const eraseByQueryRoute = defineRoute({
  method: "delete",
  path: "/v1/api/analytics/user",
  summary: "Erase a user named in the query string",
  description:
    "The same erase as DELETE /v1/api/analytics/user/{userId}, for ids a path cannot carry (a slash, a question mark).",
  query: z.object({ user_id: textParam("user_id", "The user") }),
  ...erase,
});

export const PEOPLE_ROUTES = [journeyRoute, eraseByPathRoute, eraseByQueryRoute];
