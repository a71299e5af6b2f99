const html = { description: "The dashboard's page", content: { "text/html": { schema: { type: "string" } } } };
const redirect = (to: string) => ({
  get: {
    summary: `Redirects to ${to}`,
    tags: ["dashboard"],
    security: [],
    responses: {
      "200": { description: "Never: answers a redirect" },
      "301": { description: "Moved" },
      "302": { description: "Found" },
    },
  },
});

/** The dashboard's routes in /openapi.json. */
export const DASHBOARD_PATHS = {
  "/": redirect("/dashboard"),
  "/dashboard/": redirect("/dashboard"),
  "/dashboard": {
    get: {
      summary: "The dashboard (sign in with a secret key)",
      tags: ["dashboard"],
      security: [],
      responses: { "200": html },
    },
  },
  "/dashboard/assets/{name}": {
    get: {
      summary: "The dashboard's script and style sheet, content-hashed and cached for good",
      tags: ["dashboard"],
      security: [],
      parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { description: "The file" }, "404": { description: "No such file" } },
    },
  },
  "/v1/api/analytics/appspace": {
    get: {
      summary: "The appspace a secret key belongs to",
      tags: ["dashboard"],
      security: [{ secretKey: [] }],
      responses: {
        "200": {
          description:
            "Its id, name, base currency and retention, and the events each fraud rule at block dropped this UTC month",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  id: { type: "string" },
                  name: { type: "string" },
                  currency: { type: "string" },
                  retention_days: { type: "integer" },
                  dropped_this_month: { type: "object", additionalProperties: { type: "integer" } },
                },
              },
            },
          },
        },
      },
    },
  },
};
