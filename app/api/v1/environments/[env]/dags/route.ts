// `GET /api/v1/environments/{env}/dags`: the DAGs of one environment (Airflow's list DAGs).
// Accepts a session or an API token bound to this environment (any role: dag.read).
import { withAccess } from "@/lib/server/authz";
import { listDags, parseListDagsQuery } from "@/lib/server/services/dags/list-dags";

type Params = { env: string };

export const GET = withAccess(
  "dag.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => {
    const query = parseListDagsQuery(new URL(request.url).searchParams);
    return Response.json(await listDags(access, query));
  },
);
