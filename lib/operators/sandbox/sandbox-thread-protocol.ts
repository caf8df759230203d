// Messages between the worker's main thread and its sandbox threads (sandbox-threads.ts,
// sandbox-thread.ts). Values cross by structured clone; sync host calls answer through a
// shared buffer: Int32 [0] = answered flag, [1] = status (0 ok, 1 error), [2] = byte length,
// then the answer as UTF-8 (JSON when ok, the error message otherwise).
import type { GuestSource } from "./run-in-sandbox";
import type { SandboxLimitKind, SandboxLimits } from "./sandbox-limits";

export const SYNC_CONTROL_BYTES = 16;
/** Room for a sync call's answer (log and xcom.push answer null or a short error). */
export const SYNC_PAYLOAD_BYTES = 64 * 1024;
/** A sync host call the main thread does not answer within this is an error in the guest. */
export const SYNC_WAIT_MS = 60_000;

export interface ThreadRun {
  scripts: GuestSource[];
  module?: GuestSource;
  entry: string;
  input: unknown;
  limits?: Partial<SandboxLimits>;
}

export type HostToThread =
  | { type: "run"; id: number; run: ThreadRun; syncOps: string[]; asyncOps: string[]; stop: SharedArrayBuffer }
  | { type: "abort"; id: number; reason: string }
  | { type: "async-result"; id: number; call: number; ok: true; value: unknown }
  | { type: "async-result"; id: number; call: number; ok: false; message: string };

export type SerializedError =
  | { kind: "limit"; limit: SandboxLimitKind; message: string }
  | { kind: "script"; message: string; scriptStack?: string }
  | { kind: "error"; name: string; message: string };

export type ThreadToHost =
  | { type: "sync"; id: number; op: string; args: unknown[] }
  | { type: "async"; id: number; call: number; op: string; args: unknown[] }
  | { type: "done"; id: number; ok: true; value: unknown }
  | { type: "done"; id: number; ok: false; error: SerializedError };
