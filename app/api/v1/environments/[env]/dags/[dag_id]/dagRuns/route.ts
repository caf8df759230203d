// `POST /api/v1/environments/{env}/dags/{dag_id}/dagRuns` (operator): a manual run,
// body `{ "dag_run_id"?, "logical_date"?, "conf"? }`; 201 with the run, 409 when the
// dag_run_id is taken, 422 naming the field. `GET …/dagRuns` (viewer): the DAG's runs.
import { withAccess } from "@/lib/server/authz";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { listDagRuns } from "@/lib/server/services/runs/list-dag-runs";
import { parseListRunsQuery } from "@/lib/server/services/runs/list-query";
import { triggerDagRun } from "@/lib/server/services/runs/trigger-dag-run";
import { AppError } from "@/lib/server/errors";

type Params = { env: string; dag_id: string };

export const GET = withAccess(
  "dag_run.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => Response.json(await listDagRuns(access, params.dag_id, parseListRunsQuery(new URL(request.url).searchParams))),
);

const FIELDS = new Set(["dag_run_id", "logical_date", "conf", "note"]);

export const POST = withAccess(
  "dag.trigger",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => {
    const body = await readJsonObject(request);
    const unknown = Object.keys(body).filter((k) => !FIELDS.has(k));
    if (unknown.length) {
      throw new AppError("unprocessable", `Unknown field${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Send dag_run_id, logical_date and conf.`, unknown.map((field) => ({ field, message: "is not a field of a new run" })));
    }
    const wrongType = (["dag_run_id", "logical_date"] as const).filter((k) => body[k] !== undefined && body[k] !== null && typeof body[k] !== "string");
    if (wrongType.length) throw new AppError("unprocessable", "dag_run_id and logical_date must be strings.", wrongType.map((field) => ({ field, message: "must be a string" })));
    const run = await triggerDagRun(access, {
      dag_id: params.dag_id,
      dag_run_id: body.dag_run_id as string | undefined,
      logical_date: body.logical_date as string | undefined,
      conf: body.conf,
      triggered_by: "rest_api",
    });
    return Response.json(run, { status: 201 });
  },
);
