// The DagRun workflow's activities: load a run's plan, run one task try with the real
// ports (XCom and logs in PostgreSQL, secrets from the encrypted store), and record the
// states the engine decided. Every write is keyed by (run, task, try_number), so running
// an activity twice changes nothing the first run did not (STYLE.md habit 8).
import { Context, ApplicationFailure } from "@temporalio/activity";
import { CancelledFailure } from "@temporalio/common";
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { DagSpec, TaskSpec } from "../../lib/domain/dag/spec";
import { readEnvironmentSettings, sandboxLimitsOf, type EnvironmentSettings } from "../../lib/domain/environment/environment-settings";
import { buildRunGraph, type CreateRunInput, type RunGraph } from "../../lib/domain/run";
import { runDagOf } from "../../lib/domain/run/run-dag-of";
import { createOutboundHttpClient } from "../../lib/operators/http/outbound-http-client";
import type { ExternalRunsPort, HttpClient, XComKey, XComStore } from "../../lib/operators/ports";
import { systemClock } from "../../lib/operators/ports";
import { runTaskTry } from "../../lib/operators/run-task-try";
import type { SecretsPorts } from "../../lib/operators/secrets/secrets-ports";
import type { RunInfo, RunType } from "../../lib/operators/task-try";
import { tryResultEvent } from "../../lib/operators/try-result-event";
import { env } from "../../lib/server/env";
import { sqlPool } from "../../lib/server/sql-pool";
import type pg from "pg";
import { storeSecretsPorts } from "../../lib/server/services/connections/store-secrets-ports";
import { startRunnableRuns } from "../../lib/server/services/runs/start-runnable-runs";
import type { CheckPastDepsInput, CheckPastDepsOutput, RecordStatesInput, RunPlan, RunTryInput, RunTryOutput, TryResult } from "../../workflows/dag-run-contract";
import { pastDepsReason, type PreviousRun } from "../../lib/domain/run/past-deps";
import { WORKER_LOST } from "../../workflows/dag-run-contract";
import { DEFAULT_POOL_NAME } from "../../lib/domain/pool/defaults";
import { signalSlotsFreed, waitingRuns, type WaitingRun } from "../../lib/server/services/pools/waiting-runs";
import { claimSlots } from "./slots";
import { noteWaitReason } from "./wait-reason";
import type { ActivityDeps } from "./index";
import { TryLog } from "./try-log";

const WORKER_NAME = `${os.hostname()}:${process.pid}`;
const HEARTBEAT_EVERY_MS = 10_000;
const LOG_FLUSH_EVERY_MS = 1_000;

/** What a try needs about its run; immutable for the run's life, so cached per worker. */
interface RunContext {
  dagRunId: string;
  organizationId: string;
  environmentId: string;
  spec: DagSpec;
  tasks: Map<string, TaskSpec>;
  graph: RunGraph;
  run: RunInfo;
  settings: EnvironmentSettings;
}

/** Optional ports of the DagRun activities (tests pass fakes); part of ActivityDeps. */
export interface DagRunPortsDeps {
  /** The pg pool for a try's start and end writes; default lib/server/sql-pool. */
  sql?: () => pg.Pool;
  /** Tells a run's workflow that slots may be free (default: a Temporal signal). */
  signalRun?: (run: WaitingRun) => Promise<void>;
  http?: HttpClient;
  /** Where tasks read connections and variables; default: the environment's encrypted store. */
  secretsFor?: (run: { organizationId: string; environmentId: string; dagRunId: string; dagId: string; runId: string }) => SecretsPorts;
}

export function createDagRunActivities(deps: ActivityDeps) {
  const { db } = deps;
  const sql = deps.sql ?? sqlPool;
  const contexts = new Map<string, Promise<RunContext>>();
  const signalRun = deps.signalRun ?? ((run: WaitingRun) => signalSlotsFreed(run, sql()));
  let http = deps.http;
  const httpClient = () => (http ??= createOutboundHttpClient({ allowPrivateNetwork: env().ALLOW_PRIVATE_NETWORK }));
  const secretsFor =
    deps.secretsFor ??
    ((r) => storeSecretsPorts({ organizationId: r.organizationId, environmentId: r.environmentId, dagRun: { id: r.dagRunId, dagId: r.dagId, runId: r.runId } }));

  async function loadContext(dagRunId: string): Promise<RunContext> {
    const row = await db.dagRun.findUnique({
      where: { id: dagRunId },
      include: { dagVersion: { select: { spec: true } }, environment: { select: { settings: true } } },
    });
    if (!row) throw ApplicationFailure.nonRetryable(`DagRun ${dagRunId} does not exist (deleted?)`, "RunNotFound");
    const spec = row.dagVersion.spec as unknown as DagSpec;
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      dagRunId,
      organizationId: row.organizationId,
      environmentId: row.environmentId,
      spec,
      tasks: new Map(spec.tasks.map((t) => [t.task_id, t])),
      graph: buildRunGraph(runDagOf(spec)),
      settings: readEnvironmentSettings(row.environment.settings),
      run: {
        dag_id: row.dagId,
        run_id: row.runId,
        run_type: (["manual", "scheduled", "backfill", "asset_triggered"].includes(row.runType) ? row.runType : "manual") as RunType,
        logical_date: iso(row.logicalDate),
        data_interval_start: iso(row.dataIntervalStart),
        data_interval_end: iso(row.dataIntervalEnd),
        run_after: row.runAfter.toISOString(),
        start_date: iso(row.startDate ?? new Date()),
        conf: (row.conf && typeof row.conf === "object" ? row.conf : {}) as Record<string, unknown>,
      },
    };
  }

  function context(dagRunId: string): Promise<RunContext> {
    let pending = contexts.get(dagRunId);
    if (!pending) {
      pending = loadContext(dagRunId);
      pending.catch(() => contexts.delete(dagRunId));
      contexts.set(dagRunId, pending);
      if (contexts.size > 256) contexts.delete(contexts.keys().next().value!);
    }
    return pending;
  }

  /**
   * A run that already has tries (re-opened by a clear or a mark, or restarted) continues from
   * its recorded states; a fresh run has none and starts from scratch (no `restore`).
   */
  async function restoreOf(dagRunId: string): Promise<CreateRunInput["restore"] | undefined> {
    const rows = await db.taskInstance.findMany({ where: { dagRunId } });
    if (!rows.some((r) => r.tryNumber > 0 || r.state !== "none")) return undefined;
    const run = await db.dagRun.findUniqueOrThrow({ where: { id: dagRunId }, select: { startDate: true } });
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const tasks: NonNullable<CreateRunInput["restore"]>["tasks"] = {};
    for (const r of rows) {
      tasks[r.taskId] = {
        state: r.state as never,
        try_number: r.tryNumber,
        max_tries: r.maxTries,
        start_date: iso(r.startDate),
        end_date: iso(r.endDate),
        reason: r.reason,
        next_try_at: iso(r.nextTryAt),
      };
    }
    return { state: "running", start_date: iso(run.startDate), end_date: null, tasks };
  }

  /** Per task, its tries recorded "worker lost" (the limit of MAX_LOST_TRIES_PER_TASK carries over to a new execution). */
  async function lostTriesOf(dagRunId: string): Promise<Record<string, number>> {
    const groups = await db.taskTry.groupBy({ by: ["taskId"], where: { dagRunId, error: WORKER_LOST }, _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.taskId, g._count._all]));
  }

  return {
    /** The run's plan (its pinned DagVersion as the engine sees it); marks a queued run running. */
    async loadDagRun(dagRunId: string): Promise<RunPlan> {
      const ctx = await context(dagRunId);
      const now = new Date();
      await db.dagRun.updateMany({ where: { id: dagRunId, state: "queued" }, data: { state: "running", startDate: now } });
      const row = await db.dagRun.findUniqueOrThrow({ where: { id: dagRunId }, select: { state: true, startDate: true } });
      const limits = sandboxLimitsOf(ctx.settings);
      const restore = await restoreOf(dagRunId);
      const lost = restore ? await lostTriesOf(dagRunId) : {};
      return {
        ...(restore ? { restore } : {}),
        ...(Object.keys(lost).length ? { lost } : {}),
        dagRunId,
        dag: runDagOf(ctx.spec),
        run_id: ctx.run.run_id,
        logical_date: ctx.run.logical_date,
        db_state: row.state,
        start_date: (row.startDate ?? now).toISOString(),
        now: now.toISOString(),
        local_threshold_ms: ctx.settings.local_activity_threshold_seconds * 1000,
        sandbox_timeout_ms: limits.timeoutMs,
        max_active_tasks: ctx.spec.max_active_tasks,
      };
    },

    /**
     * depends_on_past / wait_for_downstream before a try: reads the task's instance (and its
     * direct downstream) in the DAG's previous run by logical date. While the task must wait,
     * its task instance carries the reason, so the Grid and the task page say why.
     */
    async checkPastDeps(input: CheckPastDepsInput): Promise<CheckPastDepsOutput> {
      const { rows } = await sql().query<{ run_id: string; task_id: string; state: string }>(
        `WITH me AS (
           SELECT environment_id, dag_id, COALESCE(logical_date, run_after) AS at FROM dag_run WHERE id = $1
         ), prev AS (
           SELECT r.id, r.run_id FROM dag_run r, me
           WHERE r.environment_id = me.environment_id AND r.dag_id = me.dag_id AND r.id <> $1
             AND COALESCE(r.logical_date, r.run_after) < me.at
           ORDER BY COALESCE(r.logical_date, r.run_after) DESC, r.queued_at DESC
           LIMIT 1
         )
         SELECT prev.run_id, ti.task_id, ti.state FROM prev
         LEFT JOIN task_instance ti ON ti.dag_run_id = prev.id AND ti.task_id = ANY($2::text[])`,
        [input.dagRunId, [input.task_id, ...input.downstream]],
      );
      const previous: PreviousRun | null = rows.length
        ? {
            run_id: rows[0].run_id,
            state: rows.find((r) => r.task_id === input.task_id)?.state ?? null,
            downstream: rows.filter((r) => r.task_id !== null && r.task_id !== input.task_id).map((r) => ({ task_id: r.task_id, state: r.state })),
          }
        : null;
      const reason = pastDepsReason(input.task_id, input.wait_for_downstream, previous);
      if (reason) await noteWaitReason(sql(), input.dagRunId, input.task_id, reason);
      return { met: reason === null, reason };
    },

    /** Runs one try and records its start and end (TaskTry, TaskInstance, log chunks, XCom). */
    async runTry(input: RunTryInput): Promise<RunTryOutput> {
      const ctx = await context(input.dagRunId);
      const task = ctx.tasks.get(input.task_id);
      if (!task) throw ApplicationFailure.nonRetryable(`task '${input.task_id}' is not in the run's DAG version`, "TaskNotFound");
      let startedAt = new Date();
      const tryId = randomUUID();
      const started = startedAt.toISOString();
      /** A sensor's try back from a reschedule: its first poke's start, its log so far. */
      let resumed: { seq: number; bytes: number } | undefined;
      if (input.slots) {
        const slot = await claimSlots(sql(), {
          organizationId: ctx.organizationId,
          environmentId: ctx.environmentId,
          dagId: ctx.run.dag_id,
          dagRunId: input.dagRunId,
          task_id: input.task_id,
          try_number: input.try_number,
          max_tries: input.max_tries,
          kind: input.kind,
          worker: WORKER_NAME,
          tryId,
          started,
          pool: task.pool,
          pool_slots: task.pool_slots,
          max_active_tasks: ctx.spec.max_active_tasks,
        });
        if (slot.state === "waiting") return { started_at: started, ended_at: started, result: { state: "waiting", blocked: slot.blocked, reason: slot.reason } };
        if (slot.state === "earlier") return earlierExecution(input, startedAt);
        if (slot.resumed) {
          // The try keeps its row, start and log; this poke's log lines follow the earlier ones.
          const { rows } = await sql().query<{ start_date: Date; seq: number; log_bytes: number }>(
            `SELECT t.start_date, t.log_bytes, COALESCE((SELECT max(seq) + 1 FROM task_log_chunk WHERE try_id = t.id), 0)::int AS seq
             FROM task_try t WHERE t.id = $1`,
            [tryId],
          );
          if (rows[0]) {
            startedAt = rows[0].start_date;
            resumed = { seq: rows[0].seq, bytes: rows[0].log_bytes };
          }
        }
        // Slots were free after a wait: more of this run's waiting tries may fit too.
        if (slot.room) wake([{ dagRunId: input.dagRunId, environmentId: ctx.environmentId, dagId: ctx.run.dag_id, runId: ctx.run.run_id }]);
      } else {
        // A workflow from before slots: the try runs at once, as it did then.
        const inserted = await sql().query(
          `WITH ins AS (
             INSERT INTO task_try (id, dag_run_id, task_id, try_number, state, activity_kind, worker, queued_at, start_date, pool, pool_slots)
             VALUES ($1, $2, $3, $4, 'running', $5, $6, $7::timestamp(3), $7::timestamp(3), $9, $10)
             ON CONFLICT (dag_run_id, task_id, try_number) DO NOTHING
             RETURNING id
           ), ti AS (
             UPDATE task_instance SET state = 'running', try_number = $4, max_tries = $8, start_date = $7::timestamp(3),
               end_date = NULL, next_try_at = NULL, reason = NULL, updated_at = $7::timestamp(3)
             WHERE dag_run_id = $2 AND task_id = $3 AND EXISTS (SELECT 1 FROM ins)
           )
           SELECT id FROM ins`,
          [tryId, input.dagRunId, input.task_id, input.try_number, input.kind, WORKER_NAME, started, input.max_tries, task.pool, task.pool_slots],
        );
        if (!inserted.rows.length) return earlierExecution(input, startedAt);
      }

      const log = new TryLog(input.task_id, ctx.settings.log_max_bytes);
      if (resumed) {
        log.seq = resumed.seq;
        log.bytes = resumed.bytes;
      }
      const xcom = new TryXCom(db, ctx, input.task_id, input.try_number === 1);
      const activity = Context.current();
      const heartbeat = activity.info.isLocal ? undefined : setInterval(() => activity.heartbeat(), HEARTBEAT_EVERY_MS);
      let flushing: Promise<unknown> = Promise.resolve();
      const flusher = setInterval(() => {
        const chunk = log.take();
        if (chunk) flushing = flushing.then(() => sql().query("INSERT INTO task_log_chunk (try_id, seq, text, created_at) VALUES ($1, $2, $3, $4::timestamp(3))", [tryId, chunk.seq, chunk.text, new Date().toISOString()])).catch(() => undefined);
      }, LOG_FLUSH_EVERY_MS);
      let result: TryResult;
      let renderedFields: Record<string, unknown> | undefined;
      try {
        const limits = sandboxLimitsOf(ctx.settings);
        const outcome = await runTaskTry({
          dag: ctx.spec,
          task,
          run: ctx.run,
          try_number: input.try_number,
          max_tries: input.max_tries,
          ports: { xcom, log, http: httpClient(), clock: systemClock, externalRuns: externalRunsOf(ctx) },
          settings: { sandbox: limits, xcomMaxBytes: ctx.settings.xcom_max_bytes },
          signal: activity.cancellationSignal,
          secrets: secretsFor({ organizationId: ctx.organizationId, environmentId: ctx.environmentId, dagRunId: ctx.dagRunId, dagId: ctx.run.dag_id, runId: ctx.run.run_id }),
          onRenderedFields: (fields) => (renderedFields = fields),
          ...(resumed ? { sensor: { started_at: startedAt.getTime(), pokes: input.pokes ?? 1 } } : {}),
        });
        if (outcome.state === "success") {
          const event = tryResultEvent(ctx.graph, input.task_id, input.try_number, outcome, startedAt.toISOString());
          result = event.type === "task_try_succeeded" && event.skip !== undefined ? { state: "success", skip: event.skip } : { state: "success" };
        } else result = outcome;
      } catch (error) {
        result = { state: "failed", error: error instanceof Error ? error.message : String(error), retryable: true };
      } finally {
        clearInterval(heartbeat);
        clearInterval(flusher);
      }
      await flushing;
      if (activity.cancellationSignal.aborted) {
        // Stopped from outside: by the workflow (cancel_try; it records the try's end itself),
        // or because this worker gave the run up (workflow task timeout, eviction, shutdown).
        // The try stays "running", so the execution that runs it next records it as lost
        // instead of as a failure of the task. Its log so far is kept.
        const rest = log.take();
        if (rest) await sql().query("INSERT INTO task_log_chunk (try_id, seq, text, created_at) VALUES ($1, $2, $3, $4::timestamp(3))", [tryId, rest.seq, rest.text, new Date().toISOString()]);
        throw new CancelledFailure(`the try was stopped: ${String(activity.cancellationSignal.reason ?? "cancelled")}`);
      }
      const xcomWrite = xcom.pendingWrite();
      const endedAt = new Date();
      const chunk = log.take();
      const tiState = result.state === "success" || result.state === "skipped" ? result.state : null;
      const error = result.state === "failed" ? result.error : result.state === "skipped" ? result.reason : null;
      // A rescheduled sensor's try ends up_for_reschedule: its slot is free until it pokes again.
      const tryState = result.state === "rescheduled" ? "up_for_reschedule" : result.state;
      // task_try.rendered_fields: { skip?, fields? }; `skip` is read back by earlierExecution,
      // `fields` (masked, capped by runTaskTry) is what the task page shows.
      const skip = result.state === "success" && result.skip !== undefined ? { skip: result.skip } : {};
      const stored = renderedFields ? { ...skip, fields: renderedFields } : skip;
      const renderedJson = Object.keys(stored).length ? JSON.stringify(stored) : null;
      const ended = await sql().query<{ waiters: boolean }>(
        // One statement, so the try's end, its state, its last log chunk and its XCom commit
        // together, and only while the try is still this try (a try the workflow already gave
        // up on as lost writes nothing but its log).
        `WITH t AS (
           UPDATE task_try SET state = $1, end_date = $2::timestamp(3), error = $3, log_bytes = $4, log_truncated = $5, rendered_fields = $6::jsonb
           WHERE id = $7 AND state = 'running'
           RETURNING id
         ), ti AS (
           UPDATE task_instance SET state = COALESCE($8, state), end_date = $2::timestamp(3), updated_at = $2::timestamp(3)
           WHERE dag_run_id = $9 AND task_id = $10 AND try_number = $11 AND $8::text IS NOT NULL AND EXISTS (SELECT 1 FROM t)
         ), xd AS (
           DELETE FROM xcom WHERE $15::boolean AND dag_run_id = $9 AND task_id = $10 AND NOT (key = ANY($16::text[])) AND EXISTS (SELECT 1 FROM t)
         ), xi AS (
           INSERT INTO xcom (dag_run_id, task_id, key, value, size_bytes, created_at)
           SELECT $9, $10, v.key, v.value::jsonb, v.size, $2::timestamp(3)
           FROM unnest($16::text[], $17::text[], $18::int[]) AS v(key, value, size)
           WHERE EXISTS (SELECT 1 FROM t)
           ON CONFLICT (dag_run_id, task_id, key) DO UPDATE SET value = EXCLUDED.value, size_bytes = EXCLUDED.size_bytes, created_at = EXCLUDED.created_at
         ), lc AS (
           INSERT INTO task_log_chunk (try_id, seq, text, created_at)
           SELECT $7, $12, $13, $2::timestamp(3) WHERE $14::boolean
         )
         -- Whether any run of the environment waits for a slot (then it is told this one is free).
         SELECT EXISTS (SELECT 1 FROM slot_waiter WHERE environment_id = $19) AS waiters`,
        [
          tryState, endedAt.toISOString(), error, log.bytes, log.truncated, renderedJson, tryId, tiState, input.dagRunId, input.task_id, input.try_number,
          chunk?.seq ?? 0, chunk?.text ?? "", chunk !== null,
          xcomWrite.clear, xcomWrite.keys, xcomWrite.values, xcomWrite.sizes, ctx.environmentId,
        ],
      );
      if (ended.rows[0]?.waiters) freed(ctx, [task.pool], input.dagRunId);
      return { started_at: startedAt.toISOString(), ended_at: endedAt.toISOString(), result };
    },

    /** One write per workflow task: task states the engine decided, tries the workflow ended, the run's state. */
    async recordStates(input: RecordStatesInput): Promise<void> {
      const now = new Date();
      await db.$transaction(async (tx) => {
        if (input.tasks.length) {
          const col = <K extends keyof RecordStatesInput["tasks"][number]>(k: K) => input.tasks.map((t) => t[k]);
          await tx.$executeRaw`
            UPDATE task_instance ti SET state = v.state, try_number = v.try_number, max_tries = v.max_tries, reason = v.reason,
              next_try_at = v.next_try_at::timestamp(3), start_date = v.start_date::timestamp(3), end_date = v.end_date::timestamp(3), updated_at = ${now}
            FROM unnest(${col("task_id")}::text[], ${col("state")}::text[], ${col("try_number")}::int[], ${col("max_tries")}::int[],
                        ${col("reason")}::text[], ${col("next_try_at")}::text[], ${col("start_date")}::text[], ${col("end_date")}::text[])
              AS v(task_id, state, try_number, max_tries, reason, next_try_at, start_date, end_date)
            WHERE ti.dag_run_id = ${input.dagRunId} AND ti.task_id = v.task_id
              -- A newer try's activity may have written the row already: it wins.
              AND ti.try_number <= v.try_number`;
        }
        // Tasks that left the waiting states no longer wait for a slot (a finished run's none do).
        const settled = input.run && (input.run.state === "success" || input.run.state === "failed");
        const unwaited = input.tasks.filter((t) => t.state !== "none" && t.state !== "scheduled" && t.state !== "queued").map((t) => t.task_id);
        if (settled) await tx.slotWaiter.deleteMany({ where: { dagRunId: input.dagRunId } });
        else if (unwaited.length) await tx.slotWaiter.deleteMany({ where: { dagRunId: input.dagRunId, taskId: { in: unwaited } } });
        for (const t of input.tries) {
          const at = new Date(t.at);
          await tx.$executeRaw`
            INSERT INTO task_try (id, dag_run_id, task_id, try_number, state, activity_kind, start_date, end_date, error)
            VALUES (${randomUUID()}, ${input.dagRunId}, ${t.task_id}, ${t.try_number}, 'failed', 'unknown', ${at}, ${at}, ${t.error})
            ON CONFLICT (dag_run_id, task_id, try_number) DO UPDATE SET state = 'failed', end_date = ${at}, error = ${t.error}
            WHERE task_try.state = 'running'`;
        }
        if (input.run) {
          const at = new Date(input.run.at);
          const finished = input.run.state === "success" || input.run.state === "failed";
          await tx.dagRun.updateMany({
            where: { id: input.dagRunId },
            data: finished ? { state: input.run.state, endDate: at } : { state: input.run.state, endDate: null },
          });
          if (finished) contexts.delete(input.dagRunId);
        }
      });
      if (input.tries.length) {
        // Tries this workflow ended itself (lost, stopped) held slots until now.
        const ctx = await context(input.dagRunId).catch(() => null);
        if (ctx) freed(ctx, [...new Set(input.tries.map((t) => ctx.tasks.get(t.task_id)?.pool ?? DEFAULT_POOL_NAME))], input.dagRunId);
      }
      if (input.run && (input.run.state === "success" || input.run.state === "failed")) {
        // A slot under max_active_runs is free: start the DAG's next queued run (the
        // reconciler would, a few seconds later).
        const run = await db.dagRun.findUnique({ where: { id: input.dagRunId }, select: { environmentId: true, dagId: true } });
        if (run) await startRunnableRuns(run.environmentId, run.dagId).catch((error: unknown) => console.error(`dag run ${input.dagRunId}: next queued run not started:`, error));
      }
    },
  };

  /** external_task_sensor's view of other DAGs' runs: only this run's environment, by logical date. */
  function externalRunsOf(ctx: RunContext): ExternalRunsPort {
    return {
      async findRun({ dag_id, logical_date, task_ids }) {
        const { rows } = await sql().query<{ run_id: string; state: string; task_id: string | null; ti_state: string | null }>(
          `WITH r AS (
             SELECT id, run_id, state FROM dag_run
             WHERE environment_id = $1 AND dag_id = $2 AND logical_date = $3::timestamp(3)
             ORDER BY queued_at DESC LIMIT 1
           )
           SELECT r.run_id, r.state, ti.task_id, ti.state AS ti_state FROM r
           LEFT JOIN task_instance ti ON ti.dag_run_id = r.id AND ti.task_id = ANY($4::text[])`,
          [ctx.environmentId, dag_id, logical_date, task_ids],
        );
        if (!rows.length) return null;
        const tasks: Record<string, string> = {};
        for (const row of rows) if (row.task_id !== null && row.ti_state !== null) tasks[row.task_id] = row.ti_state;
        return { run_id: rows[0].run_id, state: rows[0].state, tasks };
      },
    };
  }

  /** Slots of `pools` (and of the run's DAG) were just freed: tell the runs waiting longest. Never blocks the caller. */
  function freed(ctx: RunContext, pools: string[], exceptRunId: string): void {
    void waitingRuns(sql(), { environmentId: ctx.environmentId, dagId: ctx.run.dag_id, pools, exceptRunId })
      .then((runs) => wake(runs))
      .catch((error: unknown) => console.error(`dag run ${exceptRunId}: waiting runs not told of freed slots (they look again on their own):`, error));
  }

  function wake(runs: WaitingRun[]): void {
    for (const run of runs) {
      void signalRun(run).catch((error: unknown) => console.error(`dag run ${run.dagRunId}: not told of freed slots (it looks again on its own):`, error));
    }
  }

  /** The try's row exists: an earlier execution ran (or is running) it. */
  async function earlierExecution(input: RunTryInput, now: Date): Promise<RunTryOutput> {
    const row = await db.taskTry.findUniqueOrThrow({
      where: { dagRunId_taskId_tryNumber: { dagRunId: input.dagRunId, taskId: input.task_id, tryNumber: input.try_number } },
    });
    const started_at = row.startDate.toISOString();
    if (row.state === "running") {
      // Its worker died mid-try (a local activity is re-run by the next worker with the same input).
      await db.taskTry.updateMany({ where: { id: row.id, state: "running" }, data: { state: "failed", endDate: now, error: WORKER_LOST } });
      return { started_at, ended_at: now.toISOString(), result: { state: "lost" } };
    }
    const ended_at = (row.endDate ?? now).toISOString();
    if (row.state === "success") {
      const skip = (row.renderedFields as { skip?: unknown } | null)?.skip;
      return { started_at, ended_at, result: skip === undefined ? { state: "success" } : { state: "success", skip: skip as never } };
    }
    if (row.state === "skipped") return { started_at, ended_at, result: { state: "skipped", reason: row.error ?? "skipped" } };
    if (row.error === WORKER_LOST) return { started_at, ended_at, result: { state: "lost" } };
    return { started_at, ended_at, result: { state: "failed", error: row.error ?? "failed", retryable: true } };
  }
}

export { runDagOf };

/**
 * XCom of one try: reads go to the table, writes are held until the try ends and then
 * replace the task's earlier XComs in the try's end write (runTry).
 */
class TryXCom implements XComStore {
  private readonly pending = new Map<string, string>();
  private cleared = false;

  constructor(
    private readonly db: ActivityDeps["db"],
    private readonly ctx: RunContext,
    private readonly taskId: string,
    /** Try 1 with a fresh row: the task has no earlier XCom to clear. */
    private readonly firstTry: boolean,
  ) {}

  async set(key: XComKey, json: string): Promise<void> {
    this.pending.set(key.key, json);
  }

  async get(key: XComKey): Promise<string | undefined> {
    const own = key.task_id === this.taskId && key.run_id === this.ctx.run.run_id && key.dag_id === this.ctx.run.dag_id;
    if (own && this.pending.has(key.key)) return this.pending.get(key.key);
    if (own && this.cleared) return undefined;
    const rows =
      key.run_id === this.ctx.run.run_id && key.dag_id === this.ctx.run.dag_id
        ? await this.db.$queryRaw<{ value: string }[]>`
            SELECT value::text AS value FROM xcom WHERE dag_run_id = ${this.ctx.dagRunId} AND task_id = ${key.task_id} AND key = ${key.key}`
        : await this.db.$queryRaw<{ value: string }[]>`
            SELECT x.value::text AS value FROM xcom x JOIN dag_run r ON r.id = x.dag_run_id
            WHERE r.environment_id = ${this.ctx.environmentId} AND r.dag_id = ${key.dag_id} AND r.run_id = ${key.run_id}
              AND x.task_id = ${key.task_id} AND x.key = ${key.key}`;
    return rows[0]?.value;
  }

  async clearTask(dag_id: string, run_id: string, task_id: string): Promise<void> {
    if (dag_id === this.ctx.run.dag_id && run_id === this.ctx.run.run_id && task_id === this.taskId) this.cleared = true;
  }

  /** What the try's end write does to the task's XCom: replace earlier values (unless this is a fresh first try) with the pending ones. */
  pendingWrite(): { clear: boolean; keys: string[]; values: string[]; sizes: number[] } {
    const entries = [...this.pending];
    return {
      clear: this.cleared && !this.firstTry,
      keys: entries.map(([k]) => k),
      values: entries.map(([, v]) => v),
      sizes: entries.map(([, v]) => Buffer.byteLength(v, "utf8")),
    };
  }
}
