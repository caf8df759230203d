// Sandboxed scripts on worker threads. The worker process installs a pool at start
// (installSandboxThreads); runSandboxed then hands each script to the least busy thread, and
// the main thread stays free for Temporal (heartbeats, workflow tasks) and other tries while
// a script computes. Without a pool (web app, `dags test`, unit tests) scripts run in
// process, as before. A thread that dies fails only its own scripts and is replaced.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { runInSandbox, type SandboxRun } from "./run-in-sandbox";
import { SandboxLimitError, ScriptError } from "./sandbox-error";
import {
  SYNC_CONTROL_BYTES,
  SYNC_PAYLOAD_BYTES,
  type HostToThread,
  type SerializedError,
  type ThreadToHost,
} from "./sandbox-thread-protocol";

interface Pending {
  run: SandboxRun;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Aborted when the script ends or its try is stopped: cancels its host calls in flight. */
  calls: AbortController;
  detach: () => void;
}

interface Thread {
  worker: Worker;
  control: Int32Array;
  payload: Uint8Array;
  active: Map<number, Pending>;
}

export interface SandboxThreadPool {
  readonly size: number;
  run(run: SandboxRun): Promise<unknown>;
  /** Scripts per thread right now (for tests and metrics). */
  load(): number[];
  /** Ends the i-th thread as a crash would (tests). */
  terminateThread(index: number): Promise<void>;
  close(): Promise<void>;
}

const encoder = new TextEncoder();
const threadFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "sandbox-thread.ts");

/**
 * The thread's source is TypeScript, like the worker's. On Node 20 the ESM loader hooks of
 * `--import tsx` do not reach worker threads, so the thread registers tsx's CommonJS hook
 * (it patches require in this thread only) and requires its entry.
 */
function bootstrap(): string {
  const require = createRequire(import.meta.url);
  return `try {
    require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();
    require(${JSON.stringify(threadFile)});
  } catch (error) {
    console.error("sandbox thread: cannot start:", error);
    process.exit(70);
  }`;
}

export function createSandboxThreadPool(size: number): SandboxThreadPool {
  if (!Number.isInteger(size) || size < 1) throw new Error(`a sandbox pool needs at least one thread, got ${size}`);
  const threads: Thread[] = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): Thread => {
    const sync = new SharedArrayBuffer(SYNC_CONTROL_BYTES + SYNC_PAYLOAD_BYTES);
    const worker = new Worker(bootstrap(), { eval: true, workerData: { sync }, stdout: false, stderr: false });
    worker.unref();
    const thread: Thread = { worker, control: new Int32Array(sync, 0, 4), payload: new Uint8Array(sync, SYNC_CONTROL_BYTES), active: new Map() };
    worker.on("message", (message: ThreadToHost) => onMessage(thread, message));
    const lost = (why: string) => {
      const i = threads.indexOf(thread);
      if (i >= 0) threads.splice(i, 1);
      for (const [id, pending] of thread.active) {
        thread.active.delete(id);
        pending.detach();
        pending.reject(new ScriptError(`the sandbox thread running this script stopped (${why}); the try can run again`));
      }
    };
    worker.on("error", (error) => lost(error.message));
    worker.on("exit", (code) => lost(`exit code ${code}`));
    threads.push(thread);
    return thread;
  };

  const pick = (): Thread => {
    if (threads.length < size) return spawn();
    return threads.reduce((best, t) => (t.active.size < best.active.size ? t : best));
  };

  const answerSync = (thread: Thread, status: 0 | 1, text: string) => {
    let bytes = encoder.encode(text);
    if (bytes.length > SYNC_PAYLOAD_BYTES) {
      status = 1;
      bytes = encoder.encode("the host's answer is too large to return to the script");
    }
    thread.payload.set(bytes);
    thread.control[1] = status;
    thread.control[2] = bytes.length;
    Atomics.store(thread.control, 0, 1);
    Atomics.notify(thread.control, 0);
  };

  const onMessage = (thread: Thread, message: ThreadToHost) => {
    const pending = thread.active.get(message.id);
    switch (message.type) {
      case "sync": {
        const fn = pending?.run.host?.sync?.[message.op];
        if (!fn) return answerSync(thread, 1, `no such host function: ${message.op}`);
        try {
          answerSync(thread, 0, JSON.stringify(fn(message.args) ?? null));
        } catch (error) {
          answerSync(thread, 1, error instanceof Error ? error.message : String(error));
        }
        return;
      }
      case "async": {
        const fn = pending?.run.host?.async?.[message.op];
        const reply = (answer: HostToThread) => thread.worker.postMessage(answer);
        if (!pending || !fn) {
          reply({ type: "async-result", id: message.id, call: message.call, ok: false, message: `no such host function: ${message.op}` });
          return;
        }
        Promise.resolve()
          .then(() => fn(message.args, pending.calls.signal))
          .then(
            (value) => reply({ type: "async-result", id: message.id, call: message.call, ok: true, value: value ?? null }),
            (error: unknown) => reply({ type: "async-result", id: message.id, call: message.call, ok: false, message: error instanceof Error ? error.message : String(error) }),
          );
        return;
      }
      case "done": {
        if (!pending) return;
        thread.active.delete(message.id);
        pending.detach();
        if (message.ok) pending.resolve(message.value);
        else if (message.error.kind === "script" && pending.run.signal?.aborted && message.error.message.startsWith("the try was stopped")) {
          // The thread may have been stopped through the shared flag before the reason arrived.
          pending.reject(new ScriptError(`the try was stopped: ${reasonOf(pending.run.signal)}`));
        } else pending.reject(revive(message.error));
        return;
      }
    }
  };

  return {
    size,
    load: () => threads.map((t) => t.active.size),
    async terminateThread(index: number) {
      await threads[index]?.worker.terminate();
    },
    run(run: SandboxRun): Promise<unknown> {
      if (closed) return Promise.reject(new Error("the sandbox pool is closed"));
      const thread = pick();
      const id = ++nextId;
      const stop = new SharedArrayBuffer(4);
      const stopFlag = new Int32Array(stop);
      const calls = new AbortController();
      const onAbort = () => {
        Atomics.store(stopFlag, 0, 1);
        thread.worker.postMessage({ type: "abort", id, reason: reasonOf(run.signal) } satisfies HostToThread);
        calls.abort(run.signal?.reason);
      };
      if (run.signal?.aborted) Atomics.store(stopFlag, 0, 1);
      else run.signal?.addEventListener("abort", onAbort, { once: true });
      return new Promise((resolve, reject) => {
        thread.active.set(id, {
          run,
          resolve,
          reject,
          calls,
          detach: () => {
            run.signal?.removeEventListener("abort", onAbort);
            calls.abort();
          },
        });
        const message: HostToThread = {
          type: "run",
          id,
          run: { scripts: run.scripts, module: run.module, entry: run.entry, input: run.input, limits: run.limits },
          syncOps: Object.keys(run.host?.sync ?? {}),
          asyncOps: Object.keys(run.host?.async ?? {}),
          stop,
        };
        thread.worker.postMessage(message);
      });
    },
    async close() {
      closed = true;
      await Promise.all(threads.splice(0).map((t) => t.worker.terminate()));
    },
  };
}

function reasonOf(signal: AbortSignal | undefined): string {
  const reason = signal?.reason as unknown;
  return reason instanceof Error ? reason.message : String(reason ?? "cancelled");
}

function revive(error: SerializedError): Error {
  if (error.kind === "limit") return new SandboxLimitError(error.limit, error.message);
  if (error.kind === "script") return new ScriptError(error.message, error.scriptStack);
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

let installed: SandboxThreadPool | undefined;

/** From now on, runSandboxed runs scripts on `size` threads (0: in process). */
export function installSandboxThreads(size: number): SandboxThreadPool | undefined {
  void installed?.close();
  installed = size > 0 ? createSandboxThreadPool(size) : undefined;
  // Start every thread now (tsx and QuickJS load in ~0.3 s), not on the first tries.
  const pool = installed;
  if (pool) {
    const noop = { scripts: [{ code: "globalThis.__windsock_warm = () => 'null'", filename: "<warm-up>" }], entry: "__windsock_warm", input: null };
    void Promise.all(Array.from({ length: size }, () => pool.run(noop))).catch((error: unknown) => console.error("sandbox threads: warm-up failed:", error));
  }
  return installed;
}

/** Runs a sandboxed script on the installed thread pool, or in process without one. */
export function runSandboxed(run: SandboxRun): Promise<unknown> {
  return installed ? installed.run(run) : runInSandbox(run);
}
