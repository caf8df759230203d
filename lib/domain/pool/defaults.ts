// Pool facts the DagRun workflow and the worker share with the pools services. No imports:
// workflow code (workflows/dag-run-contract.ts) bundles this file.

/** The pool every task uses unless it names another; it exists in every environment. */
export const DEFAULT_POOL_NAME = "default_pool";
/** Airflow's `default_pool_task_slot_count`. */
export const DEFAULT_POOL_SLOTS = 128;
/** Airflow's description of default_pool. */
export const DEFAULT_POOL_DESCRIPTION = "Default pool";
/** Airflow 2's slots for a pool without a limit (its open_slots reads -1 too). */
export const UNLIMITED_POOL_SLOTS = -1;

/** The advisory-lock text for one pool: slot claims, resizes and deletes take it. */
export const poolLockKey = (environmentId: string, name: string) => `pool:${environmentId}:${name}`;
