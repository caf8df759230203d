// `GET …/taskInstances/{task_id}/xcomEntries/{key}` (viewer): `{ "key", "value", … }`.
import { withAccess } from "@/lib/server/authz";
import { getXComEntry } from "@/lib/server/services/runs/get-xcom-entry";

type Params = { env: string; dag_id: string; dag_run_id: string; task_id: string; key: string };

export const GET = withAccess(
  "dag_run.read",
  (params: Params) => ({ environmentId: params.env }),
  async (_request, access, params) => Response.json(await getXComEntry(access, params.dag_id, params.dag_run_id, params.task_id, params.key)),
);
