// DAGs and their versions: list, deploy a file, read, pause, delete, promote, versions.
import { GATED, GATED_WITH_BODY, operation } from "./operation";

export const ENV = "/api/v1/environments/{env}";
const tags = ["DAG"];

export const dagPaths = {
  [`${ENV}/dags`]: {
    get: operation({
      operationId: "get_dags",
      summary: "List DAGs",
      description: "The environment's DAGs, by dag_id (Airflow's list DAGs). Any role.",
      tags,
      parameters: ["env", "limit", "offset"],
      extraParameters: [
        { name: "dag_id_pattern", in: "query", required: false, description: "Case-insensitive substring of dag_id; % and _ are wildcards, as in Airflow.", schema: { type: "string", maxLength: 250 } },
      ],
      ok: { 200: "DagCollection" },
      errors: [...GATED, "unprocessable"],
    }),
    post: operation({
      operationId: "deploy_dag",
      summary: "Deploy a DAG file",
      description:
        "Editor. The body is one DAG file (docs/dag-files.md). 201 for a new DAG or version, 200 when the spec is already current (or an earlier version is restored); 422 lists every error with its line, column and field; a file over 4 MiB is 400. New DAGs start paused.",
      tags,
      parameters: ["env", "dry_run"],
      body: {
        required: true,
        content: {
          "application/yaml": { schema: { $ref: "#/components/schemas/DagFile" } },
          "application/json": { schema: { type: "object", additionalProperties: true, description: "The DAG file as JSON (what TypeScript DAGs compile to)." } },
        },
      },
      ok: { 201: "DeployResult", 200: "DeployResult" },
      errors: [...GATED_WITH_BODY, "unsupported_media_type"],
    }),
  },
  [`${ENV}/dags/{dag_id}`]: {
    get: operation({ operationId: "get_dag", summary: "Get a DAG", description: "The DAG, its schedule, params and next run. Any role.", tags, parameters: ["env", "dag_id"], ok: { 200: "Dag" }, errors: GATED }),
    patch: operation({
      operationId: "patch_dag",
      summary: "Pause or unpause a DAG",
      description: "Operator.",
      tags,
      parameters: ["env", "dag_id"],
      body: { required: true, content: { "application/json": { schema: { type: "object", properties: { is_paused: { type: "boolean" } }, required: ["is_paused"] } } } },
      ok: { 200: "Dag" },
      errors: GATED_WITH_BODY,
    }),
    delete: operation({
      operationId: "delete_dag",
      summary: "Delete a DAG",
      description: "Editor. Keeps its versions and runs unless purge=true.",
      tags,
      parameters: ["env", "dag_id"],
      extraParameters: [{ name: "purge", in: "query", required: false, description: "true (or 1): remove its versions and runs too.", schema: { type: "string", enum: ["true", "false", "1", "0"] } }],
      ok: { 200: "DeleteDagResult" },
      errors: [...GATED, "conflict", "unprocessable"],
    }),
  },
  [`${ENV}/dags/{dag_id}/promote`]: {
    post: operation({
      operationId: "promote_dag",
      summary: "Promote a DAG version from another environment",
      description:
        "Editor here, any role in the source. Copies that exact version (default: the source's current one). 201 when it is new here, 200 when it already was current.",
      tags,
      parameters: ["env", "dag_id", "dry_run"],
      body: "PromoteRequest",
      ok: { 201: "PromoteResult", 200: "PromoteResult" },
      errors: GATED_WITH_BODY,
    }),
  },
  [`${ENV}/dags/{dag_id}/versions`]: {
    get: operation({
      operationId: "get_dag_versions",
      summary: "List a DAG's versions",
      description: "Every deployed version, newest first. Any role.",
      tags,
      parameters: ["env", "dag_id", "limit", "offset"],
      ok: { 200: "DagVersionCollection" },
      errors: [...GATED, "unprocessable"],
    }),
  },
  [`${ENV}/dags/{dag_id}/versions/{version}`]: {
    get: operation({
      operationId: "get_dag_version",
      summary: "Get one DAG version with its file",
      tags,
      parameters: ["env", "dag_id", "version"],
      ok: { 200: "DagVersionFile" },
      errors: GATED,
    }),
  },
};
