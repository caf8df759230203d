// The reusable parts of the OpenAPI document: schemas in the REST API's own field names
// (read from the services' view types), the shared error answers, parameters and the two
// security schemes. Pool bodies come from their zod schemas, so the two cannot drift.
import { z } from "zod";
import { ROLES } from "../../domain/authz/roles";
import { CONN_TYPES } from "../../domain/connections/connection-types";
import { DAG_RUN_STATES } from "../../domain/run/task-state";
import { ZCreatePoolRequestSchema, ZPatchPoolRequestSchema } from "../../domain/pool/pool";
import { ERROR_STATUS, type ErrorCode } from "../errors";
import { ZCreateRoleBindingApiRequestSchema } from "../services/access/people-api";
import { ZDagSummarySchema } from "../services/dags/list-dags";

type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, extra: Schema = {}): Schema => ({ type: "string", ...(description ? { description } : {}), ...extra });
const nullable = (s: Schema): Schema => ({ ...s, type: [s.type as string, "null"] });
const dateTime = (description?: string) => str(description, { format: "date-time" });
const int = (description?: string, extra: Schema = {}): Schema => ({ type: "integer", ...(description ? { description } : {}), ...extra });
const bool = (description?: string): Schema => ({ type: "boolean", ...(description ? { description } : {}) });
const arrayOf = (items: Schema): Schema => ({ type: "array", items });
const object = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), extra: Schema = {}): Schema => ({ type: "object", properties, required, ...extra });
/** A list answer: `{ "<things>": [...], "total_entries": N }`. */
const list = (key: string, item: string): Schema => object({ [key]: arrayOf(ref(item)), total_entries: int("How many there are in all, whatever limit and offset are.") });

/** zod 4 writes JSON Schema 2020-12, the dialect OpenAPI 3.1 uses; its "$schema" is dropped here. */
function fromZod(schema: z.ZodType, io: "input" | "output" = "input"): Schema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Schema;
  return rest;
}

const RUN_STATES = [...DAG_RUN_STATES];

const schemas: Record<string, Schema> = {
  Error: object(
    {
      error: object(
        {
          code: str("Stable, machine-readable; one HTTP status per code.", { enum: Object.keys(ERROR_STATUS) }),
          message: str("What was wrong and how to fix it, for a person."),
          details: { description: "For 422: every problem, usually field → message or a list of `{ field, message }`." },
        },
        ["code", "message"],
      ),
    },
    ["error"],
  ),
  DagFileProblem: object(
    {
      severity: str(undefined, { enum: ["error", "warning"] }),
      line: nullable(int()),
      column: nullable(int()),
      field: str('Field path, e.g. "tasks[3].trigger_rule"; "" for the whole file.'),
      message: str(),
      hint: str(),
    },
    ["severity", "line", "column", "field", "message"],
    { description: "A warning or error in a DAG file, located by line, column and field." },
  ),

  // ---- DAGs
  // The list answer's zod schema, which listDags is typed by.
  DagSummary: { ...fromZod(ZDagSummarySchema, "output"), description: "A DAG in a list: version is the current spec hash (null before the first deploy finishes); schedule as written." },
  DagCollection: list("dags", "DagSummary"),
  Dag: object({
    dag_id: str(),
    is_paused: bool(),
    description: nullable(str()),
    tags: arrayOf(str()),
    schedule: nullable(str("As written; null for manual-only DAGs.")),
    timetable_summary: str(),
    timetable_description: str(),
    timezone: str(),
    catchup: bool(),
    start_date: nullable(str()),
    end_date: nullable(str()),
    max_active_runs: int(),
    max_active_tasks: int(),
    next_dagrun_logical_date: nullable(dateTime()),
    next_dagrun_data_interval_start: nullable(dateTime()),
    next_dagrun_data_interval_end: nullable(dateTime()),
    next_dagrun_run_after: nullable(dateTime()),
    version: str("Spec hash of the version the DAG runs."),
    version_number: int(),
    file_format: str(),
    deployed_at: dateTime(),
    params: { type: "object", additionalProperties: true, description: "The DAG's params, which conf is checked against." },
    doc_md: nullable(str()),
    task_count: int(),
  }),
  DagFile: {
    type: "string",
    description: "A DAG file as written (docs/dag-files.md): YAML with Content-Type application/yaml, or the same document as JSON.",
  },
  DeployResult: object(
    {
      dag_id: str(),
      version: str("Spec hash."),
      version_number: int(),
      outcome: str("created: a new DAG or version (201); unchanged: already current; restored: an earlier version is current again (both 200).", { enum: ["created", "unchanged", "restored"] }),
      is_paused: bool(),
      warnings: arrayOf(ref("DagFileProblem")),
      dry_run: { const: true, description: "Present on dry runs: nothing was written." },
    },
    ["dag_id", "version", "version_number", "outcome", "is_paused", "warnings"],
  ),
  PromoteRequest: object(
    {
      from_environment: str("The source environment's id (you need dag.read there)."),
      version: { type: ["string", "integer"], description: "Spec hash (or a unique prefix) or version number in the source; default: its current version." },
    },
    ["from_environment"],
  ),
  PromoteResult: { allOf: [ref("DeployResult"), object({ promoted_from: str("The source environment's id.") })] },
  DeleteDagResult: object({
    dag_id: str(),
    purged: bool(),
    deleted_versions: int("With purge: versions removed."),
    deleted_runs: int("With purge: runs removed."),
  }),
  DagVersion: object({
    version: str("Spec hash."),
    version_number: int(),
    file_format: str(),
    created_at: dateTime(),
    created_by: nullable(str("Name of who deployed it.")),
    is_current: bool(),
  }),
  DagVersionCollection: list("dag_versions", "DagVersion"),
  DagVersionFile: { allOf: [ref("DagVersion"), object({ raw_file: str("The file exactly as deployed.") })] },

  // ---- runs, task instances, XCom
  DagRun: object({
    dag_run_id: str(),
    dag_id: str(),
    run_type: str(undefined, { enum: ["scheduled", "manual", "backfill", "asset_triggered"] }),
    state: str(undefined, { enum: RUN_STATES }),
    logical_date: nullable(dateTime()),
    data_interval_start: nullable(dateTime()),
    data_interval_end: nullable(dateTime()),
    run_after: dateTime(),
    queued_at: dateTime(),
    start_date: nullable(dateTime()),
    end_date: nullable(dateTime()),
    conf: { type: "object", additionalProperties: true },
    triggered_by: nullable(str()),
    dag_version: str("Spec hash of the version the run is pinned to."),
  }),
  DagRunCollection: list("dag_runs", "DagRun"),
  TriggerDagRunRequest: object(
    {
      dag_run_id: str("Default: manual__<logical date>. Taken: 409."),
      logical_date: nullable(dateTime("Default: now.")),
      conf: { type: "object", additionalProperties: true, description: "Checked against the DAG's params (422 names each field, e.g. conf.date)." },
      note: { description: "Accepted for Airflow compatibility." },
    },
    [],
    { additionalProperties: false },
  ),
  MarkDagRunRequest: object({ state: str(undefined, { enum: ["success", "failed", "queued"] }), note: { description: "Accepted for Airflow compatibility." } }, ["state"], { additionalProperties: false }),
  TaskInstance: object({
    task_id: str(),
    dag_id: str(),
    dag_run_id: str(),
    operator: str(),
    state: nullable(str("Airflow's task states; null before the scheduler looked at it.")),
    try_number: int(),
    max_tries: int(),
    start_date: nullable(dateTime()),
    end_date: nullable(dateTime()),
    duration: nullable({ type: "number", description: "Seconds." }),
    next_try_at: nullable(dateTime()),
    note: nullable(str()),
  }),
  TaskInstanceCollection: list("task_instances", "TaskInstance"),
  MarkTaskInstanceRequest: object({ new_state: str(undefined, { enum: ["success", "failed"] }) }),
  ClearTaskInstancesRequest: object(
    {
      dag_run_id: nullable(str("Clear in this run only; default: every run.")),
      task_ids: { ...arrayOf(str()), minItems: 1 },
      include_downstream: bool(),
      include_upstream: bool(),
      only_failed: bool(),
      dry_run: bool("Answer what would be cleared, changing nothing."),
    },
    ["task_ids"],
    { additionalProperties: false },
  ),
  ClearedTaskInstance: object({
    task_id: str(),
    dag_id: str(),
    dag_run_id: str(),
    state: str("The state before the clear."),
    new_state: str("The state after the clear (\"none\")."),
    try_number: int(),
    max_tries: int(),
  }),
  ClearedTaskInstances: object({ task_instances: arrayOf(ref("ClearedTaskInstance")) }),
  XComEntry: object({
    key: str(),
    value: { description: "The JSON value the task pushed." },
    task_id: str(),
    dag_id: str(),
    dag_run_id: str(),
    timestamp: dateTime(),
  }),

  // ---- connections
  Connection: {
    type: "object",
    description: "Never a secret value: `secrets_set` names the secret fields that hold one. The other fields depend on conn_type (docs/connections.md: http has base_url, auth_type, login, token, …; postgres has host, port, login, schema, sslmode).",
    properties: {
      connection_id: str(),
      conn_type: str(undefined, { enum: [...CONN_TYPES] }),
      description: nullable(str()),
      extra: nullable({ type: "object", additionalProperties: true }),
      secrets_set: arrayOf(str()),
      created_at: dateTime(),
      updated_at: dateTime(),
      uri: str("Airflow connection URI, secrets left out (on one connection, not in lists)."),
    },
    required: ["connection_id", "conn_type", "description", "extra", "secrets_set", "created_at", "updated_at"],
    additionalProperties: true,
  },
  ConnectionCollection: list("connections", "Connection"),
  ConnectionRequest: {
    oneOf: [
      {
        type: "object",
        title: "From fields",
        description: "The conn_type's typed fields (docs/connections.md, e.g. http: base_url, auth_type, token; postgres: host, port, login, password, schema) and extra; a field the type does not have is 422.",
        properties: { connection_id: str(), conn_type: str(undefined, { enum: [...CONN_TYPES] }), description: str() },
        required: ["connection_id", "conn_type"],
        additionalProperties: true,
      },
      object({ connection_id: str(), uri: str("Airflow connection URI, e.g. postgres://user:pass@host:5432/db"), description: str() }, ["connection_id", "uri"], {
        title: "Import from an Airflow URI",
        additionalProperties: false,
      }),
    ],
  },
  ConnectionPatch: { type: "object", description: "Absent fields keep their value, null clears one.", additionalProperties: true },
  ConnectionTestRequest: object({ post_to_slack: bool("Send a real test message through a Slack webhook connection.") }, [], { additionalProperties: false }),
  ConnectionTestResult: object(
    {
      connection_id: str(),
      status: str(undefined, { enum: ["ok", "failed", "unsupported"] }),
      message: str(),
      hint: str(),
      latency_ms: nullable(int()),
      tested_at: dateTime(),
    },
    ["connection_id", "status", "message", "latency_ms", "tested_at"],
  ),

  // ---- variables
  Variable: object({
    key: str(),
    value: str("A secret variable's value is \"***\", as Airflow shows it."),
    description: nullable(str()),
    is_secret: bool(),
    secrets_set: arrayOf(str()),
    created_at: dateTime(),
    updated_at: dateTime(),
  }),
  VariableCollection: list("variables", "Variable"),
  VariableRequest: object({ key: str(), value: str(), description: nullable(str()), is_secret: bool() }, ["key", "value"], { additionalProperties: false }),
  VariablePatch: object({ key: str("May be sent as Airflow clients do; it must be the path's key (a variable cannot be renamed)."), value: str(), description: nullable(str("null clears it.")), is_secret: bool() }, [], { additionalProperties: false, description: "Absent fields keep their value." }),

  // ---- pools
  Pool: object({
    name: str(),
    slots: int("-1: unlimited."),
    occupied_slots: int(),
    running_slots: int(),
    queued_slots: int(),
    scheduled_slots: int(),
    deferred_slots: int(),
    open_slots: int(),
    description: nullable(str()),
    include_deferred: { const: false },
  }),
  PoolCollection: list("pools", "Pool"),
  PoolRequest: fromZod(ZCreatePoolRequestSchema),
  PoolPatch: fromZod(ZPatchPoolRequestSchema),

  // ---- webhooks
  Webhook: object({
    webhook_id: str(),
    dag_id: str(),
    name: str(),
    url: str("Where senders POST deliveries.", { format: "uri" }),
    enabled: bool(),
    created_at: dateTime(),
    updated_at: dateTime(),
    secret_rotated_at: nullable(dateTime()),
    previous_secret_expires_at: nullable(dateTime("Until when the secret before the last rotation is still accepted.")),
    last_delivery_at: nullable(dateTime()),
    last_delivery_status: nullable(int("HTTP status of the latest delivery.")),
  }),
  WebhookWithSecret: { allOf: [ref("Webhook"), object({ secret: str("Standard base64; shown this once.") })] },
  WebhookCollection: list("webhooks", "Webhook"),
  WebhookRequest: object({ name: str(undefined, { maxLength: 100 }), enabled: bool() }, ["name"], { additionalProperties: false }),
  WebhookPatch: object({ name: str(undefined, { maxLength: 100 }), enabled: bool() }, [], { additionalProperties: false }),
  RotateWebhookRequest: object({ expire_previous_in_hours: int("Hours the old secret is still accepted; 0 (default) refuses it now.", { minimum: 0, maximum: 168 }) }, [], { additionalProperties: false }),
  WebhookDelivery: { type: "object", additionalProperties: true, description: "Any JSON object: it becomes the run's conf, checked against the DAG's params." },
  WebhookDeliveryAnswer: object({ dag_run_id: str(), dag_id: str(), state: str(undefined, { enum: RUN_STATES }) }),

  // ---- organizations and people
  GroupRef: object({ id: str(), name: str() }),
  Member: object({ user_id: str(), email: str(undefined, { format: "email" }), name: str(), groups: arrayOf(ref("GroupRef")), joined_at: dateTime() }),
  MemberCollection: list("members", "Member"),
  RoleBinding: object({
    id: str(),
    group_id: str(),
    scope_type: str(undefined, { enum: ["organization", "workspace", "environment"] }),
    scope_id: nullable(str("The workspace's or environment's id; null for the organization.")),
    role: str(undefined, { enum: [...ROLES] }),
    scope_label: str(),
  }),
  RoleBindingCollection: list("role_bindings", "RoleBinding"),
  RoleBindingRequest: { ...fromZod(ZCreateRoleBindingApiRequestSchema), description: "scope_id: the workspace's or environment's id; leave it out for the organization." },
  GroupSummary: object({
    id: str(),
    name: str(),
    description: nullable(str()),
    is_owners: bool(),
    member_count: int(),
    role_bindings: arrayOf(ref("RoleBinding")),
  }),
  GroupCollection: list("groups", "GroupSummary"),
  Group: object({
    id: str(),
    name: str(),
    description: nullable(str()),
    is_owners: bool(),
    member_count: int(),
    members: arrayOf(object({ user_id: str(), email: str(), name: str(), added_at: dateTime() })),
    role_bindings: arrayOf(ref("RoleBinding")),
  }),
  GroupRequest: object({ name: str(undefined, { minLength: 2, maxLength: 60 }), description: str(undefined, { maxLength: 300 }) }, ["name"]),
  GroupPatch: object({ name: str(undefined, { minLength: 2, maxLength: 60 }), description: str(undefined, { maxLength: 300 }) }, [], { description: "A field left out keeps its value; Owners keeps its name." }),
  GroupMember: object({ group_id: str(), user_id: str(), email: str(), name: str() }),
  Invitation: object(
    {
      id: str(),
      email: str(undefined, { format: "email" }),
      groups: arrayOf(ref("GroupRef")),
      invited_by: nullable(str()),
      status: str(undefined, { enum: ["pending", "accepted", "expired", "revoked"] }),
      created_at: dateTime(),
      expires_at: dateTime(),
    },
    ["id", "email", "groups", "status", "created_at", "expires_at"],
  ),
  InvitationCollection: list("invitations", "Invitation"),
  InvitationRequest: object({ email: str(undefined, { format: "email", maxLength: 254 }), group_ids: { ...arrayOf(str()), minItems: 1, maxItems: 50 } }),

  // ---- health
  Health: object({ database: str(undefined, { enum: ["ok", "unavailable"] }), temporal: str(undefined, { enum: ["ok", "unavailable"] }) }),
};

/** The error answers, one per code of lib/server/errors.ts, named by status. */
const ERROR_WHEN: Partial<Record<ErrorCode, string>> = {
  bad_request: "Malformed JSON or an unreadable body.",
  unauthenticated: "No credentials, or an unknown, expired or revoked token.",
  forbidden: "The caller's role is too low (or an API token on a sessions-only route).",
  not_found: "Missing, in another tenant, or not visible to the caller: all the same answer.",
  conflict: "Already exists, or the change is refused by the object's state.",
  payload_too_large: "The body is over the route's limit.",
  unsupported_media_type: "A body in a format the route does not read.",
  unprocessable: "Well-formed but invalid: `details` lists every problem.",
  rate_limited: "Too many requests.",
  internal: "Something went wrong on our side; the message names the request id.",
  unavailable: "A dependency is down.",
};

export const errorResponseName = (code: ErrorCode) => code.split("_").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");

const responses = Object.fromEntries(
  (Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => [
    errorResponseName(code),
    {
      description: ERROR_WHEN[code] ?? code,
      ...(code === "unauthenticated" ? { headers: { "www-authenticate": { description: 'Bearer realm="windsock" on the gated routes.', schema: { type: "string" } } } } : {}),
      content: { "application/json": { schema: ref("Error"), example: { error: { code, message: "…" } } } },
    },
  ]),
);

const pathParam = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });
const queryInt = (name: string, description: string, extra: Schema) => ({ name, in: "query", required: false, description, schema: { type: "integer", ...extra } });

const parameters = {
  env: pathParam("env", "The environment's id (an API token works in its own environment only)."),
  dag_id: pathParam("dag_id", "The DAG's id."),
  dag_run_id: pathParam("dag_run_id", "The run's id, e.g. manual__2026-12-06T10:00:00+00:00."),
  task_id: pathParam("task_id", "The task's id."),
  try_number: pathParam("try_number", "The try, from 1."),
  xcom_key: pathParam("key", "The XCom key (return_value for a task's result)."),
  version: pathParam("version", "Spec hash, a unique prefix of it (8+ characters), or the version number."),
  webhook_id: pathParam("webhook_id", "The webhook's id."),
  connection_id: pathParam("connection_id", "The connection's id."),
  variable_key: pathParam("key", "The variable's key."),
  pool_name: pathParam("pool_name", "The pool's name."),
  org: pathParam("org", "The organization's id."),
  group_id: pathParam("group_id", "The group's id."),
  user_id: pathParam("user_id", "The person's user id."),
  binding_id: pathParam("binding_id", "The role binding's id."),
  invitation_id: pathParam("invitation_id", "The invitation's id."),
  limit: queryInt("limit", "Page size.", { minimum: 1, maximum: 1000, default: 100 }),
  offset: queryInt("offset", "How many to skip.", { minimum: 0, default: 0 }),
  run_state: { name: "state", in: "query", required: false, description: "Only runs (or task instances) in this state.", schema: { type: "string", maxLength: 64 } },
  dry_run: { name: "dry_run", in: "query", required: false, description: "true: check and answer what would happen, writing nothing.", schema: { type: "boolean", default: false } },
};

export const securitySchemes = {
  apiToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "wsk_…",
    description: "An API token from an environment's API tokens tab: bound to that environment with one role (docs/api-tokens.md). It wins over a cookie; a bad one is 401.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description: "The web UI's session (`__Secure-authjs.session-token` over HTTPS). Requests that change something must come from the app's own Origin.",
  },
};

export const components = { schemas, responses, parameters, securitySchemes };
export type ParameterName = keyof typeof parameters;
