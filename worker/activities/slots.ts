// Slots: a try runs only while its pool has room for its pool_slots and its DAG has fewer
// than max_active_tasks tries running across all its runs (Airflow's pools and
// max_active_tasks). A running task_try row *is* the slot it holds, so ending a try in any
// way (success, failure, lost, stopped) frees it; nothing else has to be released.
//
// Taking a slot and inserting the running try happen in one statement (a plpgsql function)
// under advisory locks on the pool and the DAG (always in that order), so two workers never
// both take the last slot. A try that finds no room leaves a slot_waiter row and its reason on the task
// instance; whoever ends a try signals the runs waiting longest (wakeWaiters), and waiting
// workflows look again on a timer besides, so a missed signal only delays. See
// docs/decisions/0020-pools-and-slots.md.
import type pg from "pg";
import { noteWaitReason, WAITING_BEFORE_TRY } from "./wait-reason";
import { DEFAULT_POOL_DESCRIPTION, DEFAULT_POOL_SLOTS } from "../../lib/domain/pool/defaults";
import { DAG_LIMITER, slotLimiter } from "../../workflows/dag-run-contract";

export interface SlotRequest {
  organizationId: string;
  environmentId: string;
  dagId: string;
  dagRunId: string;
  task_id: string;
  try_number: number;
  max_tries: number;
  kind: "local" | "regular";
  worker: string;
  tryId: string;
  /** ISO time the try starts (its start_date when it gets its slots). */
  started: string;
  pool: string;
  pool_slots: number;
  max_active_tasks: number;
}

export type SlotOutcome =
  /**
   * The try's row is in (running, holding its slots); `room`: it had waited, and more could start now;
   * `resumed`: a sensor's try back from a reschedule took its row over (same try_number).
   */
  | { state: "claimed"; room: boolean; resumed?: true }
  /** The try's row existed already: an earlier execution ran it. */
  | { state: "earlier" }
  | { state: "waiting"; blocked: string; reason: string };

type Verdict = "claimed" | "resumed" | "earlier" | "no_pool" | "too_big" | "pool_full" | "dag_full";

interface ClaimRow {
  outcome: Verdict;
  pool_total: number | null;
  pool_used: number;
  dag_used: number;
  waited: boolean;
}

/**
 * Takes the slots a try needs and records it running, in one round trip (the
 * windsock_claim_try function, migration 20261206171000); or records that the task waits,
 * and says why on its task instance.
 */
export async function claimSlots(sql: Pick<pg.Pool, "query">, req: SlotRequest): Promise<SlotOutcome> {
  const { rows } = await sql.query<ClaimRow>("SELECT * FROM windsock_claim_try($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)", [
    req.tryId, req.dagRunId, req.task_id, req.try_number, req.kind, req.worker, req.started, req.max_tries, req.pool, req.pool_slots,
    req.organizationId, req.environmentId, req.dagId, req.max_active_tasks, DEFAULT_POOL_SLOTS, DEFAULT_POOL_DESCRIPTION,
  ]);
  const row = rows[0];
  if (row.outcome === "earlier") return { state: "earlier" };
  if (row.outcome === "claimed" || row.outcome === "resumed") {
    const poolRoom = row.pool_total === null || row.pool_total < 0 || row.pool_used + req.pool_slots < row.pool_total;
    const room = row.waited && poolRoom && row.dag_used + 1 < req.max_active_tasks;
    return row.outcome === "resumed" ? { state: "claimed", room, resumed: true } : { state: "claimed", room };
  }
  const wait = { blocked: row.outcome === "dag_full" ? DAG_LIMITER : slotLimiter(req.pool), reason: waitReason(row.outcome, req, row) };
  await noteWaitReason(sql, req.dagRunId, req.task_id, wait.reason, [...WAITING_BEFORE_TRY, "up_for_reschedule"]);
  return { state: "waiting", ...wait };
}

/** Why a try cannot take its slots now, in the words its task instance shows. */
export function waitReason(verdict: Exclude<Verdict, "claimed" | "resumed" | "earlier">, req: Pick<SlotRequest, "pool" | "pool_slots" | "max_active_tasks">, usage: Pick<ClaimRow, "pool_total" | "pool_used" | "dag_used">): string {
  switch (verdict) {
    case "no_pool":
      return `waiting for pool "${req.pool}", which does not exist in this environment: create it on the Pools tab (or POST …/pools) and the task starts`;
    case "too_big":
      return `waiting: the task needs ${req.pool_slots} slots of pool "${req.pool}", which has ${usage.pool_total}; give the pool more slots or the task fewer (pool_slots)`;
    case "pool_full":
      return `waiting for a slot in pool "${req.pool}" (${usage.pool_used} of ${usage.pool_total} in use)`;
    case "dag_full":
      return `waiting: ${usage.dag_used} tasks of this DAG are running, its max_active_tasks is ${req.max_active_tasks}`;
  }
}
