// What a CLI command is. Each command lives in its own file under lib/cli/commands/ and
// is listed once in lib/cli/commands/index.ts.
import type { ParseArgsConfig } from "node:util";

export interface CliIo {
  /** Machine output (JSON, tables). */
  stdout: (text: string) => void;
  /** Messages for people (errors, warnings, progress). */
  stderr: (text: string) => void;
  /** Current time in epoch ms (tests replace it). */
  now: () => number;
  cwd: string;
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  positionals: string[];
  values: OptionValues;
  io: CliIo;
}

export interface Command {
  /** Words that select the command, e.g. ["dags", "validate"]. */
  path: string[];
  summary: string;
  /** Usage text shown by --help and on usage errors (without the leading "windsock "). */
  usage: string;
  options?: ParseArgsConfig["options"];
  run(ctx: CommandContext): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem (invalid file, failed run). */
  failure: 1,
  /** The command line itself was wrong (unknown command or flag, missing argument). */
  usage: 2,
} as const;

export class UsageError extends Error {}
