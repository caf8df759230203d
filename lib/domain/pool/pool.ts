// Airflow's pools, pure: the name and slots rules, `default_pool`, and the figures a pool
// shows (Airflow's `occupied_slots`, `open_slots`, …). A try holds slots only while it is
// running; a try waiting for a slot (`queued_slots`) holds none, so occupied = running.
import { z } from "zod";

import { DEFAULT_POOL_DESCRIPTION, DEFAULT_POOL_NAME, DEFAULT_POOL_SLOTS, UNLIMITED_POOL_SLOTS, poolLockKey } from "./defaults";

export { DEFAULT_POOL_DESCRIPTION, DEFAULT_POOL_NAME, DEFAULT_POOL_SLOTS, UNLIMITED_POOL_SLOTS, poolLockKey };

export const POOL_NAME_MAX_LENGTH = 256;
export const POOL_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;
/** Far above any real pool; keeps the number inside PostgreSQL's integer. */
export const POOL_SLOTS_MAX = 1_000_000;
export const POOL_DESCRIPTION_MAX_LENGTH = 5000;

export const ZPoolNameSchema = z
  .string({ error: (issue) => (issue.input === undefined ? "is required, e.g. etl_warehouse" : "must be a text such as etl_warehouse") })
  .min(1, "is required, e.g. etl_warehouse")
  .max(POOL_NAME_MAX_LENGTH, `must be at most ${POOL_NAME_MAX_LENGTH} characters`)
  .regex(POOL_NAME_PATTERN, 'may contain only letters, digits, "_", "-" and "."');

export const ZPoolSlotsSchema = z
  .number({ error: (issue) => (issue.input == null ? "is required: a whole number of slots, 0 or more" : "must be a whole number of slots, 0 or more") })
  .int("must be a whole number")
  .refine((n) => n >= UNLIMITED_POOL_SLOTS, "must be 0 or more (0 lets no task of the pool run), or -1 for no limit")
  .refine((n) => n <= POOL_SLOTS_MAX, `must be at most ${POOL_SLOTS_MAX}`);

export const ZPoolDescriptionSchema = z
  .string({ error: "must be a text, or null to clear it" })
  .max(POOL_DESCRIPTION_MAX_LENGTH, `must be at most ${POOL_DESCRIPTION_MAX_LENGTH} characters`)
  .nullable();

export const ZCreatePoolRequestSchema = z.object({
  name: ZPoolNameSchema,
  slots: ZPoolSlotsSchema,
  description: ZPoolDescriptionSchema.optional(),
  include_deferred: z.literal(false, { error: "can only be false: Windsock has no deferred tasks" }).optional(),
});
export type CreatePoolRequest = z.output<typeof ZCreatePoolRequestSchema>;

export const ZPatchPoolRequestSchema = z.object({
  name: z.string({ error: "must be the pool's name (a pool cannot be renamed)" }).optional(),
  slots: ZPoolSlotsSchema.optional(),
  description: ZPoolDescriptionSchema.optional(),
  include_deferred: z.literal(false, { error: "can only be false: Windsock has no deferred tasks" }).optional(),
});
export type PatchPoolRequest = z.output<typeof ZPatchPoolRequestSchema>;

/** The fields a request body may hold, for naming unknown ones. */
export const POOL_REQUEST_FIELDS = ["name", "slots", "description", "include_deferred"] as const;
/** The fields PATCH's `update_mask` may name (the name is fixed). */
export const POOL_PATCHABLE_FIELDS = ["slots", "description"] as const;

/** Airflow's pool figures. */
export interface PoolFigures {
  slots: number;
  occupied_slots: number;
  running_slots: number;
  queued_slots: number;
  scheduled_slots: number;
  deferred_slots: number;
  open_slots: number;
}

export const isUnlimited = (slots: number) => slots < 0;

/**
 * `open_slots` is negative when a pool was shrunk below what its running tries hold, and
 * -1 for an unlimited pool (slots -1).
 */
export function poolFigures(slots: number, runningSlots: number, waitingTries: number): PoolFigures {
  return {
    slots,
    occupied_slots: runningSlots,
    running_slots: runningSlots,
    queued_slots: waitingTries,
    scheduled_slots: 0,
    deferred_slots: 0,
    open_slots: isUnlimited(slots) ? UNLIMITED_POOL_SLOTS : slots - runningSlots,
  };
}

/**
 * The advisory lock the run engine takes to claim slots of a pool (worker/activities/slots.ts
 * builds the same text): holding it, no try can start in the pool.
 */

/** Field -> message for every problem zod found (an unknown field is named by itself). */
export function poolProblems(error: z.ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "body";
    details[field] ??= issue.message;
  }
  return details;
}
