// `GET /api/v1/environments/{env}/dags/{dag_id}/versions` (viewer): every deployed version,
// newest first: `{ "dag_versions": [...], "total_entries" }` with limit and offset.
import { withAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { listDagVersions } from "@/lib/server/services/dags/list-dag-versions";

type Params = { env: string; dag_id: string };

export const GET = withAccess(
  "dag.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => {
    const search = new URL(request.url).searchParams;
    const number = (name: string, fallback: number, min: number, max: number) => {
      const raw = search.get(name);
      if (raw === null) return fallback;
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= min && n <= max)) throw new AppError("unprocessable", `${name} must be a whole number from ${min} to ${max}.`, { [name]: `must be a whole number from ${min} to ${max}` });
      return n;
    };
    return Response.json(await listDagVersions(access, params.dag_id, { limit: number("limit", 100, 1, 1000), offset: number("offset", 0, 0, Number.MAX_SAFE_INTEGER) }));
  },
);
