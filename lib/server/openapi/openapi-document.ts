// The OpenAPI 3.1 document of the REST API, served at GET /api/v1/openapi.json so users can
// generate clients. test/unit/openapi/openapi-document.test.ts fails when a route handler
// and this document disagree, so add a path here with every new route method.
import { components } from "./components";
import { operation } from "./operation";
import { dagPaths } from "./paths-dags";
import { peoplePaths } from "./paths-people";
import { resourcePaths } from "./paths-resources";
import { runPaths } from "./paths-runs";
import { webhookPaths } from "./paths-webhooks";

const publicPaths = {
  "/api/health": {
    get: operation({
      operationId: "get_health",
      summary: "Health check",
      description: "Public, for load balancers: each dependency ok or unavailable; 503 when one is down.",
      tags: ["Monitor"],
      ok: {
        200: "Health",
        503: { description: "A dependency is down.", content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } } },
      },
      errors: [],
      security: [],
    }),
  },
  "/api/v1/openapi.json": {
    get: operation({
      operationId: "get_openapi_document",
      summary: "This document",
      description: "Public, as Airflow's is: it describes the API, and holds nothing of any tenant.",
      tags: ["Monitor"],
      ok: { 200: { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } },
      errors: [],
      security: [],
    }),
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Windsock REST API",
    version: "1",
    description: [
      "Windsock's REST API, in Airflow's shapes and field names where Airflow has them. Environment routes take the environment's id as {env};",
      'lists answer `{ "<things>": [...], "total_entries": N }` with limit and offset; every error is `{ "error": { "code", "message", "details"? } }`.',
      "A missing object and another tenant's object get the same 404. See docs/api-tokens.md, docs/runs.md and the other docs/*.md.",
    ].join(" "),
  },
  servers: [{ url: "/", description: "This Windsock" }],
  // An API token or a session; the people routes and public routes say otherwise.
  security: [{ apiToken: [] }, { sessionCookie: [] }],
  tags: [
    { name: "DAG" },
    { name: "DAGRun" },
    { name: "TaskInstance" },
    { name: "XCom" },
    { name: "Connection" },
    { name: "Variable" },
    { name: "Pool" },
    { name: "Webhook" },
    { name: "Organization" },
    { name: "Group" },
    { name: "Monitor" },
  ],
  paths: { ...dagPaths, ...runPaths, ...resourcePaths, ...webhookPaths, ...peoplePaths, ...publicPaths },
  components,
};
