// Why a task that is ready does not start yet (depends_on_past, no free slot), written on its
// task instance so the Grid and the task page say it. Only while the task still waits (one of
// `states`), and only when the words change.
import type pg from "pg";

/** The states of a task waiting before a try (a rescheduled sensor too, for slots). */
export const WAITING_BEFORE_TRY = ["none", "scheduled", "queued", "up_for_retry"] as const;

export async function noteWaitReason(sql: Pick<pg.Pool, "query">, dagRunId: string, taskId: string, reason: string, states: readonly string[] = WAITING_BEFORE_TRY): Promise<void> {
  await sql.query(
    `UPDATE task_instance SET reason = $3, updated_at = now()
     WHERE dag_run_id = $1 AND task_id = $2 AND state = ANY($4::text[]) AND reason IS DISTINCT FROM $3`,
    [dagRunId, taskId, reason, states],
  );
}
