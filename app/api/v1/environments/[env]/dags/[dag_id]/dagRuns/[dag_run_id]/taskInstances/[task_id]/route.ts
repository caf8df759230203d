// `PATCH /api/v1/environments/{env}/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}`
// (operator): `{ "new_state": "success" | "failed" }`; answers the task instance.
import { withAccess } from "@/lib/server/authz";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { markTaskInstance, parseMarkTaskBody } from "@/lib/server/services/runs/mark-task-instance";

type Params = { env: string; dag_id: string; dag_run_id: string; task_id: string };

export const PATCH = withAccess(
  "dag_run.mark",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => {
    const { new_state } = parseMarkTaskBody(await readJsonObject(request));
    return Response.json(await markTaskInstance(access, params.dag_id, params.dag_run_id, params.task_id, new_state));
  },
);
