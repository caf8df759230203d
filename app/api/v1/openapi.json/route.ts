// `GET /api/v1/openapi.json`: the REST API's OpenAPI 3.1 document, public like Airflow's
// (it describes the API and holds nothing of any tenant), so client generators need no token.
import { publicRoute } from "@/lib/server/authz";
import { openApiDocument } from "@/lib/server/openapi/openapi-document";

export const GET = publicRoute("the API's own description; nothing of any tenant", async () =>
  Response.json(openApiDocument, { headers: { "cache-control": "public, max-age=300" } }),
);
