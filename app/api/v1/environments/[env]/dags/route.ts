// `GET /api/v1/environments/{env}/dags`: the DAGs of one environment (Airflow's list DAGs).
// Accepts a session or an API token bound to this environment (any role: dag.read).
// `POST …/dags` (editor): deploy one DAG file (Content-Type application/yaml or
// application/json); 201 for a new DAG or version, 200 when the spec is already current;
// `?dry_run=true` answers 200 with what would happen and writes nothing.
import { withAccess } from "@/lib/server/authz";
import { deployDag } from "@/lib/server/services/dags/deploy-dag";
import { listDags, parseListDagsQuery } from "@/lib/server/services/dags/list-dags";
import { readDagFileBody } from "@/lib/server/services/dags/read-dag-file-body";

type Params = { env: string };

export const GET = withAccess(
  "dag.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => {
    const query = parseListDagsQuery(new URL(request.url).searchParams);
    return Response.json(await listDags(access, query));
  },
);

export const POST = withAccess(
  "dag.deploy",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => {
    const file = await readDagFileBody(request);
    // ?dry_run=true: validate as this environment would and say what deploying would do.
    const dryRun = new URL(request.url).searchParams.get("dry_run") === "true";
    const result = await deployDag(access, { ...file, dryRun });
    return Response.json(result, { status: result.outcome === "created" && !dryRun ? 201 : 200 });
  },
);
