// Runs guest JavaScript in a fresh QuickJS runtime with memory, stack and time limits.
// The guest sees only what the setup scripts build from JSON data and the host
// functions given here; no host object is ever passed in, values cross as JSON strings.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from "quickjs-emscripten";
import { discardQuickJS, loadQuickJS } from "./load-quickjs";
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimitKind, type SandboxLimits } from "./sandbox-limits";
import { describeLimit, SandboxLimitError, ScriptError } from "./sandbox-error";

export type SyncHostFunction = (args: unknown[]) => unknown;
export type AsyncHostFunction = (args: unknown[], signal: AbortSignal) => Promise<unknown>;

export interface SandboxHostFunctions {
  sync?: Record<string, SyncHostFunction>;
  async?: Record<string, AsyncHostFunction>;
}

export interface GuestSource {
  code: string;
  filename: string;
}

export interface SandboxRun {
  /** Global scripts evaluated in order; they may capture `__windsock_host_sync` / `__windsock_host_async`, which are removed afterwards. */
  scripts: GuestSource[];
  /** An ES module (user code); its namespace is passed to the entry function. */
  module?: GuestSource;
  /** Name of a global function `(moduleNamespace, inputJson) => string | Promise<string>` returning JSON. */
  entry: string;
  input: unknown;
  host?: SandboxHostFunctions;
  limits?: Partial<SandboxLimits>;
  /** Stops the try (the run was cancelled or timed out); the script is interrupted at once. */
  signal?: AbortSignal;
  /**
   * Polled while the script runs: a stop asked for from another thread (on a sandbox thread
   * the signal's abort event cannot arrive while the script computes). Aborts `signal` itself.
   */
  stopRequested?: () => boolean;
}

const HOST_SYNC = "__windsock_host_sync";
const HOST_ASYNC = "__windsock_host_async";

/** Returns the entry function's JSON result, parsed (undefined when it returned "undefined"). */
export async function runInSandbox(run: SandboxRun): Promise<unknown> {
  const limits = { ...DEFAULT_SANDBOX_LIMITS, ...run.limits };
  const quickjs = await loadQuickJS();
  const deadline = Date.now() + limits.timeoutMs;
  const state: TryState = { hitLimit: undefined, inFlight: new Set(), abort: new AbortController() };
  const runtime = quickjs.newRuntime();
  // After QuickJS ran out of memory or stack its heap may hold unreachable objects, and
  // freeing the runtime would abort; such a runtime is dropped with its module instead.
  let poisoned = false;
  try {
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    runtime.setInterruptHandler(() => {
      if (run.signal?.aborted || run.stopRequested?.()) return true;
      if (Date.now() <= deadline) return false;
      state.hitLimit = "timeout";
      return true;
    });
    if (run.signal?.aborted) state.abort.abort(run.signal.reason);
    else run.signal?.addEventListener("abort", () => state.abort.abort(run.signal?.reason), { once: true });
    const context = runtime.newContext();
    try {
      return await runInContext(context, runtime, run, limits, deadline, state);
    } catch (error) {
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        // The interpreter's recursion overflowed Node's stack before its own check fired.
        poisoned = true;
        throw new SandboxLimitError("stack", describeLimit("stack", limits.stackBytes));
      }
      if (error instanceof WebAssembly.RuntimeError) poisoned = true;
      if (error instanceof SandboxLimitError && error.limit !== "timeout") poisoned = true;
      throw error;
    } finally {
      state.abort.abort();
      if (!poisoned) context.dispose();
    }
  } finally {
    if (poisoned) discardQuickJS();
    else {
      try {
        runtime.dispose();
      } catch {
        discardQuickJS();
      }
    }
  }
}

interface TryState {
  hitLimit: SandboxLimitKind | undefined;
  inFlight: Set<Promise<void>>;
  abort: AbortController;
}

async function runInContext(
  context: QuickJSContext,
  runtime: QuickJSRuntime,
  run: SandboxRun,
  limits: SandboxLimits,
  deadline: number,
  state: TryState,
): Promise<unknown> {
  installHostFunctions(context, runtime, run.host ?? {}, state);
  for (const script of run.scripts) {
    const result = context.evalCode(script.code, script.filename, { type: "global" });
    if (result.error) throw guestFailure(context, result.error, state, limits, `loading ${script.filename}`);
    result.value.dispose();
  }
  for (const name of [HOST_SYNC, HOST_ASYNC]) {
    const ok = context.evalCode(`delete globalThis.${name}`, "<setup>", { type: "global" });
    if (ok.error) ok.error.dispose();
    else ok.value.dispose();
  }

  let namespace: QuickJSHandle = context.undefined;
  if (run.module) {
    const evaluated = context.evalCode(run.module.code, run.module.filename, { type: "module" });
    if (evaluated.error) throw guestFailure(context, evaluated.error, state, limits, undefined);
    namespace = await settle(context, runtime, evaluated.value, deadline, limits, state);
  }

  const entry = context.getProp(context.global, run.entry);
  const input = context.newString(JSON.stringify(run.input ?? null));
  const called = context.callFunction(entry, context.undefined, namespace, input);
  entry.dispose();
  input.dispose();
  if (namespace !== context.undefined) namespace.dispose();
  if (called.error) throw guestFailure(context, called.error, state, limits, undefined);
  const value = await settle(context, runtime, called.value, deadline, limits, state);
  try {
    if (context.typeof(value) !== "string") throw new ScriptError("internal: the sandbox entry did not return JSON");
    const json = context.getString(value);
    return json === "undefined" ? undefined : JSON.parse(json);
  } finally {
    value.dispose();
  }
}

/** Drives the guest's job queue and awaited host calls until `handle` (maybe a promise) settles. Consumes `handle`. */
async function settle(
  context: QuickJSContext,
  runtime: QuickJSRuntime,
  handle: QuickJSHandle,
  deadline: number,
  limits: SandboxLimits,
  state: TryState,
): Promise<QuickJSHandle> {
  for (;;) {
    const jobs = runtime.executePendingJobs();
    if (jobs.error) {
      handle.dispose();
      throw guestFailure(context, jobs.error, state, limits, undefined);
    }
    const promiseState = context.getPromiseState(handle);
    if (promiseState.type === "fulfilled") {
      if (promiseState.notAPromise) return handle;
      handle.dispose();
      return promiseState.value;
    }
    if (promiseState.type === "rejected") {
      handle.dispose();
      throw guestFailure(context, promiseState.error, state, limits, undefined);
    }
    if (state.inFlight.size === 0) {
      handle.dispose();
      throw new ScriptError("the script awaits a promise that nothing will ever resolve, so it can never finish");
    }
    const remaining = deadline - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const timedOut = await Promise.race([
      Promise.race(state.inFlight).then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), Math.max(0, remaining));
        onAbort = () => resolve(false);
        state.abort.signal.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
    clearTimeout(timer);
    // One listener per await would pile up on the try's signal (a script awaiting in a loop).
    if (onAbort) state.abort.signal.removeEventListener("abort", onAbort);
    if (state.abort.signal.aborted) {
      handle.dispose();
      throw new ScriptError(`the try was stopped: ${abortReason(state.abort.signal)}`);
    }
    if (timedOut) {
      handle.dispose();
      state.hitLimit = "timeout";
      throw new SandboxLimitError("timeout", describeLimit("timeout", limits.timeoutMs));
    }
  }
}

function installHostFunctions(context: QuickJSContext, runtime: QuickJSRuntime, host: SandboxHostFunctions, state: TryState) {
  const syncFn = context.newFunction(HOST_SYNC, (opHandle, argsHandle) => {
    const op = context.getString(opHandle);
    const fn = host.sync?.[op];
    if (!fn) return { error: context.newError(`no such host function: ${op}`) };
    try {
      const result = fn(JSON.parse(context.getString(argsHandle)) as unknown[]);
      return context.newString(JSON.stringify(result ?? null));
    } catch (error) {
      return { error: context.newError(errorMessage(error)) };
    }
  });
  context.setProp(context.global, HOST_SYNC, syncFn);
  syncFn.dispose();

  const asyncFn = context.newFunction(HOST_ASYNC, (opHandle, argsHandle) => {
    const op = context.getString(opHandle);
    const fn = host.async?.[op];
    if (!fn) return { error: context.newError(`no such host function: ${op}`) };
    const args = JSON.parse(context.getString(argsHandle)) as unknown[];
    const deferred = context.newPromise();
    const work = Promise.resolve()
      .then(() => fn(args, state.abort.signal))
      .then(
        (result) => {
          if (!context.alive) return;
          const value = context.newString(JSON.stringify(result ?? null));
          deferred.resolve(value);
          value.dispose();
        },
        (error: unknown) => {
          if (!context.alive) return;
          const guestError = context.newError(errorMessage(error));
          deferred.reject(guestError);
          guestError.dispose();
        },
      )
      .finally(() => state.inFlight.delete(work));
    state.inFlight.add(work);
    return deferred.handle;
  });
  context.setProp(context.global, HOST_ASYNC, asyncFn);
  asyncFn.dispose();
  void runtime;
}

/** Turns a guest exception into the host error to throw, naming the limit when one was hit. Consumes `errorHandle`. */
function guestFailure(
  context: QuickJSContext,
  errorHandle: QuickJSHandle,
  state: TryState,
  limits: SandboxLimits,
  where: string | undefined,
): Error {
  let dumped: unknown;
  try {
    dumped = context.dump(errorHandle);
  } catch {
    dumped = undefined;
  } finally {
    errorHandle.dispose();
  }
  const { name, message, stack } = describeGuestError(dumped);
  if (state.abort.signal.aborted && !state.hitLimit) return new ScriptError(`the try was stopped: ${abortReason(state.abort.signal)}`);
  const limit = state.hitLimit ?? limitFromMessage(name, message);
  if (limit) {
    const value = limit === "timeout" ? limits.timeoutMs : limit === "memory" ? limits.memoryBytes : limits.stackBytes;
    return new SandboxLimitError(limit, describeLimit(limit, value));
  }
  const text = name && name !== "Error" ? `${name}: ${message}` : message;
  return new ScriptError(where ? `${where}: ${text}` : text, stack);
}

export function limitFromMessage(name: string, message: string): SandboxLimitKind | undefined {
  if (/out of memory/i.test(message)) return "memory";
  if (/stack overflow|call stack/i.test(message)) return "stack";
  if (name === "InternalError" && message === "interrupted") return "timeout";
  return undefined;
}

export function describeGuestError(dumped: unknown): { name: string; message: string; stack?: string } {
  if (dumped && typeof dumped === "object") {
    const e = dumped as { name?: unknown; message?: unknown; stack?: unknown };
    if (typeof e.message === "string") {
      return { name: typeof e.name === "string" ? e.name : "Error", message: e.message, stack: typeof e.stack === "string" ? e.stack : undefined };
    }
  }
  if (dumped === null) return { name: "InternalError", message: "out of memory" };
  let text: string;
  try {
    text = typeof dumped === "string" ? dumped : JSON.stringify(dumped) ?? String(dumped);
  } catch {
    text = String(dumped);
  }
  return { name: "Error", message: `the script threw a non-Error value: ${text}` };
}

function abortReason(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason.message : String(reason ?? "cancelled");
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
