// `POST /api/v1/environments/{env}/dags/{dag_id}/clearTaskInstances` (operator): clear task
// instances so they run again, body `{ "dag_run_id"?, "task_ids", "include_downstream",
// "include_upstream", "only_failed", "dry_run" }`; answers what is (or would be) cleared.
import { withAccess } from "@/lib/server/authz";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { clearTaskInstances, parseClearTaskInstancesBody } from "@/lib/server/services/runs/clear-task-instances";

type Params = { env: string; dag_id: string };

export const POST = withAccess(
  "dag_run.clear",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => Response.json(await clearTaskInstances(access, params.dag_id, parseClearTaskInstancesBody(await readJsonObject(request)))),
);
