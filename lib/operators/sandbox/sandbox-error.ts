import type { SandboxLimitKind } from "./sandbox-limits";

/** The script itself failed: threw, returned something that is not JSON, or never settled. */
export class ScriptError extends Error {
  constructor(
    message: string,
    readonly scriptStack?: string,
  ) {
    super(message);
    this.name = "ScriptError";
  }
}

/** The sandbox stopped a runaway script; `limit` says which limit it hit. */
export class SandboxLimitError extends Error {
  constructor(
    readonly limit: SandboxLimitKind,
    message: string,
  ) {
    super(message);
    this.name = "SandboxLimitError";
  }
}

export function describeLimit(limit: SandboxLimitKind, value: number): string {
  switch (limit) {
    case "timeout":
      return `the script ran longer than its time limit of ${value} ms and was stopped; make it faster or raise execution_timeout`;
    case "memory":
      return `the script tried to use more than its memory limit of ${Math.round(value / (1024 * 1024))} MiB and was stopped; process less data at once`;
    case "stack":
      return `the script exceeded the stack limit of ${Math.round(value / 1024)} KiB (recursion too deep) and was stopped; use a loop instead of deep recursion`;
  }
}
