// Entry of a sandbox thread (see sandbox-threads.ts): runs sandboxed scripts off the
// worker's main thread, so a script that computes for seconds does not stall the worker's
// heartbeats, workflow tasks and other tries. One thread runs several scripts at once (they
// interleave while they await host calls). Host calls cross back to the main thread: async
// ones by message, sync ones (log, xcom.push) by message plus a wait on shared memory, so
// the guest sees them return (or throw) in place, as in-process.
import { parentPort, workerData } from "node:worker_threads";
import { runInSandbox, type SandboxRun } from "./run-in-sandbox";
import { SandboxLimitError, ScriptError } from "./sandbox-error";
import { SYNC_CONTROL_BYTES, SYNC_WAIT_MS, type HostToThread, type SerializedError, type ThreadToHost } from "./sandbox-thread-protocol";

const port = parentPort;
if (!port) throw new Error("sandbox-thread.ts runs as a worker thread (see sandbox-threads.ts)");

const syncBuffer = (workerData as { sync: SharedArrayBuffer }).sync;
const control = new Int32Array(syncBuffer, 0, 4);
const payload = new Uint8Array(syncBuffer, SYNC_CONTROL_BYTES);
const decoder = new TextDecoder();

interface Running {
  controller: AbortController;
  calls: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}
const runs = new Map<number, Running>();
let nextCall = 0;

const post = (message: ThreadToHost) => port.postMessage(message);

function callSync(id: number, op: string, args: unknown[]): unknown {
  Atomics.store(control, 0, 0);
  post({ type: "sync", id, op, args });
  if (Atomics.wait(control, 0, 0, SYNC_WAIT_MS) === "timed-out") throw new Error(`the host did not answer ${op} within ${SYNC_WAIT_MS / 1000} s`);
  const text = decoder.decode(payload.slice(0, control[2]));
  if (control[1] !== 0) throw new Error(text);
  return JSON.parse(text) as unknown;
}

function callAsync(id: number, op: string, args: unknown[]): Promise<unknown> {
  const running = runs.get(id);
  if (!running) return Promise.reject(new Error("the script has ended"));
  const call = ++nextCall;
  return new Promise((resolve, reject) => {
    running.calls.set(call, { resolve, reject });
    post({ type: "async", id, call, op, args });
  });
}

function serialize(error: unknown): SerializedError {
  if (error instanceof SandboxLimitError) return { kind: "limit", limit: error.limit, message: error.message };
  if (error instanceof ScriptError) return { kind: "script", message: error.message, ...(error.scriptStack ? { scriptStack: error.scriptStack } : {}) };
  if (error instanceof Error) return { kind: "error", name: error.name, message: error.message };
  return { kind: "error", name: "Error", message: String(error) };
}

function start(message: Extract<HostToThread, { type: "run" }>) {
  const { id } = message;
  const controller = new AbortController();
  const stopFlag = new Int32Array(message.stop);
  runs.set(id, { controller, calls: new Map() });
  const run: SandboxRun = {
    ...message.run,
    host: {
      sync: Object.fromEntries(message.syncOps.map((op) => [op, (args: unknown[]) => callSync(id, op, args)])),
      async: Object.fromEntries(message.asyncOps.map((op) => [op, (args: unknown[]) => callAsync(id, op, args)])),
    },
    signal: controller.signal,
    // The abort message cannot arrive while the script computes; the flag can.
    stopRequested: () => {
      if (Atomics.load(stopFlag, 0) === 0) return false;
      if (!controller.signal.aborted) controller.abort("cancelled");
      return true;
    },
  };
  runInSandbox(run).then(
    (value) => post({ type: "done", id, ok: true, value }),
    (error: unknown) => post({ type: "done", id, ok: false, error: serialize(error) }),
  ).finally(() => {
    const running = runs.get(id);
    runs.delete(id);
    for (const call of running?.calls.values() ?? []) call.reject(new Error("the script has ended"));
  });
}

port.on("message", (message: HostToThread) => {
  switch (message.type) {
    case "run":
      start(message);
      break;
    case "abort": {
      const running = runs.get(message.id);
      if (running && !running.controller.signal.aborted) running.controller.abort(message.reason);
      break;
    }
    case "async-result": {
      const call = runs.get(message.id)?.calls.get(message.call);
      if (!call) break;
      runs.get(message.id)?.calls.delete(message.call);
      if (message.ok) call.resolve(message.value);
      else call.reject(new Error(message.message));
      break;
    }
  }
});
