// `GET …/taskInstances/{task_id}/logs/{try_number}`: a try's log as text (already masked
// when it was written). With follow, the text streams while the try runs and the stream
// ends when the try does.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findDagRun } from "./find-dag-run";

const POLL_MS = 500;
/** A follower is let go after this long; it may reconnect. */
const MAX_FOLLOW_MS = 15 * 60_000;

async function findTry(access: EnvironmentAccess, dagId: string, runId: string, taskId: string, tryNumber: string) {
  const run = await findDagRun(access.environment.id, dagId, runId);
  const n = /^\d{1,6}$/.test(tryNumber) ? Number(tryNumber) : NaN;
  const row =
    Number.isInteger(n) && taskId.length <= 250
      ? await db().taskTry.findUnique({ where: { dagRunId_taskId_tryNumber: { dagRunId: run.id, taskId, tryNumber: n } }, select: { id: true, state: true } })
      : null;
  if (!row) throw new AppError("not_found", `Task '${taskId}' of run '${runId}' has no try ${tryNumber}.`);
  return row;
}

async function chunksAfter(tryId: string, seq: number) {
  return db().taskLogChunk.findMany({ where: { tryId, seq: { gt: seq } }, orderBy: { seq: "asc" }, select: { seq: true, text: true } });
}

export async function getTaskLog(access: EnvironmentAccess, dagId: string, runId: string, taskId: string, tryNumber: string): Promise<string> {
  const t = await findTry(access, dagId, runId, taskId, tryNumber);
  return (await chunksAfter(t.id, -1)).map((c) => c.text).join("");
}

/** The log so far, then whatever the try appends, until it ends (or the caller goes away). */
export async function followTaskLog(
  access: EnvironmentAccess,
  dagId: string,
  runId: string,
  taskId: string,
  tryNumber: string,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const t = await findTry(access, dagId, runId, taskId, tryNumber);
  const encoder = new TextEncoder();
  let last = -1;
  const started = Date.now();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (signal?.aborted) return controller.close();
        const state = (await db().taskTry.findUnique({ where: { id: t.id }, select: { state: true } }))?.state;
        const chunks = await chunksAfter(t.id, last);
        if (chunks.length) {
          last = chunks[chunks.length - 1].seq;
          controller.enqueue(encoder.encode(chunks.map((c) => c.text).join("")));
          return;
        }
        if (state !== "running" || Date.now() - started > MAX_FOLLOW_MS) return controller.close();
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
  });
}
