// DAG runs, task instances, XCom, task logs, and the clear / mark operations.
import { GATED, GATED_WITH_BODY, operation } from "./operation";
import { ENV } from "./paths-dags";

const RUN = `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}`;

export const runPaths = {
  [`${ENV}/dags/{dag_id}/dagRuns`]: {
    get: operation({
      operationId: "get_dag_runs",
      summary: "List a DAG's runs",
      description: "Any role.",
      tags: ["DAGRun"],
      parameters: ["env", "dag_id", "limit", "offset", "run_state"],
      ok: { 200: "DagRunCollection" },
      errors: [...GATED, "unprocessable"],
    }),
    post: operation({
      operationId: "post_dag_run",
      summary: "Trigger a DAG run",
      description: "Operator. A manual run; conf is checked against the DAG's params. 409 when the dag_run_id is taken.",
      tags: ["DAGRun"],
      parameters: ["env", "dag_id"],
      body: "TriggerDagRunRequest",
      ok: { 201: "DagRun" },
      errors: [...GATED_WITH_BODY, "conflict"],
    }),
  },
  [RUN]: {
    get: operation({ operationId: "get_dag_run", summary: "Get a DAG run", description: "Any role.", tags: ["DAGRun"], parameters: ["env", "dag_id", "dag_run_id"], ok: { 200: "DagRun" }, errors: GATED }),
    patch: operation({
      operationId: "update_dag_run_state",
      summary: "Mark a DAG run",
      description: "Operator. success or failed marks the run and its unfinished tasks; queued runs it again.",
      tags: ["DAGRun"],
      parameters: ["env", "dag_id", "dag_run_id"],
      body: "MarkDagRunRequest",
      ok: { 200: "DagRun" },
      errors: [...GATED_WITH_BODY, "conflict"],
    }),
  },
  [`${RUN}/taskInstances`]: {
    get: operation({
      operationId: "get_task_instances",
      summary: "List a run's task instances",
      description: "Any role.",
      tags: ["TaskInstance"],
      parameters: ["env", "dag_id", "dag_run_id", "limit", "offset", "run_state"],
      ok: { 200: "TaskInstanceCollection" },
      errors: [...GATED, "unprocessable"],
    }),
  },
  [`${RUN}/taskInstances/{task_id}`]: {
    patch: operation({
      operationId: "patch_task_instance",
      summary: "Mark a task instance",
      description: "Operator. Marks the task success or failed; its run carries on from there.",
      tags: ["TaskInstance"],
      parameters: ["env", "dag_id", "dag_run_id", "task_id"],
      body: "MarkTaskInstanceRequest",
      ok: { 200: "TaskInstance" },
      errors: [...GATED_WITH_BODY, "conflict"],
    }),
  },
  [`${RUN}/taskInstances/{task_id}/logs/{try_number}`]: {
    get: operation({
      operationId: "get_log",
      summary: "Get a try's log",
      description: "Any role. Plain text, secrets masked; follow=true streams it while the try runs.",
      tags: ["TaskInstance"],
      parameters: ["env", "dag_id", "dag_run_id", "task_id", "try_number"],
      extraParameters: [{ name: "follow", in: "query", required: false, description: "true: keep the response open and stream new lines until the try ends.", schema: { type: "boolean", default: false } }],
      ok: { 200: { description: "The log.", content: { "text/plain": { schema: { type: "string" } } } } },
      errors: GATED,
    }),
  },
  [`${RUN}/taskInstances/{task_id}/xcomEntries/{key}`]: {
    get: operation({
      operationId: "get_xcom_entry",
      summary: "Get an XCom entry",
      description: "Any role.",
      tags: ["XCom"],
      parameters: ["env", "dag_id", "dag_run_id", "task_id", "xcom_key"],
      ok: { 200: "XComEntry" },
      errors: GATED,
    }),
  },
  [`${ENV}/dags/{dag_id}/clearTaskInstances`]: {
    post: operation({
      operationId: "post_clear_task_instances",
      summary: "Clear task instances",
      description: "Operator. Cleared tasks run again with a fresh retry budget; try_number keeps counting. dry_run answers what would be cleared.",
      tags: ["DAG"],
      parameters: ["env", "dag_id"],
      body: "ClearTaskInstancesRequest",
      ok: { 200: "ClearedTaskInstances" },
      errors: GATED_WITH_BODY,
    }),
  },
};
