// `GET …/taskInstances/{task_id}/logs/{try_number}` (viewer): the try's log as text;
// `?follow=true` streams it while the try runs.
import { withAccess } from "@/lib/server/authz";
import { followTaskLog, getTaskLog } from "@/lib/server/services/runs/get-task-log";

type Params = { env: string; dag_id: string; dag_run_id: string; task_id: string; try_number: string };

const TEXT = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };

export const GET = withAccess(
  "dag_run.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, p) => {
    if (new URL(request.url).searchParams.get("follow") === "true") {
      const stream = await followTaskLog(access, p.dag_id, p.dag_run_id, p.task_id, p.try_number, request.signal);
      return new Response(stream, { headers: { ...TEXT, "x-content-type-options": "nosniff" } });
    }
    return new Response(await getTaskLog(access, p.dag_id, p.dag_run_id, p.task_id, p.try_number), { headers: TEXT });
  },
);
