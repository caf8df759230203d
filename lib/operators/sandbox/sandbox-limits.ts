// Limits of one sandboxed try. Defaults are the hosted product's; an environment
// setting may override them (issue 9), `dags test` uses them as they are.
export interface SandboxLimits {
  /** Heap the script may allocate, in bytes. */
  memoryBytes: number;
  /** Wall-clock deadline for the whole try, awaited host calls included, in ms. */
  timeoutMs: number;
  /** Native stack the interpreter may use, in bytes (bounds recursion depth). */
  stackBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 64 * 1024 * 1024,
  timeoutMs: 30_000,
  // Larger values let a runaway recursion overflow Node's own stack before QuickJS notices.
  stackBytes: 384 * 1024,
};

export type SandboxLimitKind = "timeout" | "memory" | "stack";
