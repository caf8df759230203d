// `POST /api/v1/environments/{env}/dags/{dag_id}/promote` (editor here, viewer in the source)
// with `{ "from_environment": "<environment id>", "version"?: "<hash or number>" }`: copies
// that exact version (default: the source's current one). 201 when it is new here, 200 when
// it already was current; `?dry_run=true` says which, writing nothing.
import { withAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { promoteDagVersion } from "@/lib/server/services/dags/promote-dag-version";

type Params = { env: string; dag_id: string };

export const POST = withAccess(
  "dag.deploy",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new AppError("bad_request", 'The request body is not valid JSON. Send {"from_environment": "<environment id>"}.');
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new AppError("unprocessable", "The request body must be a JSON object.", [{ field: "body", message: "must be a JSON object" }]);
    }
    const dryRun = new URL(request.url).searchParams.get("dry_run") === "true";
    const { from_environment, version } = body as Record<string, unknown>;
    const result = await promoteDagVersion(access, params.dag_id, { from_environment, version, dryRun });
    return Response.json(result, { status: result.outcome === "created" && !dryRun ? 201 : 200 });
  },
);
