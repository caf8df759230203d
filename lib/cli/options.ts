// Option helpers shared by local commands.
import { UsageError, type OptionValues } from "./command";
import { DEFAULTS_MODES, type DefaultsMode } from "../domain/dag/spec";
import { formatProblem, type DagProblem } from "../domain/dag/problems";
import type { CliIo } from "./command";

export const defaultsOption = { defaults: { type: "string" } } as const;

export function readDefaults(values: OptionValues): DefaultsMode {
  const v = values.defaults;
  if (v === undefined) return "airflow3";
  if (typeof v === "string" && (DEFAULTS_MODES as readonly string[]).includes(v)) return v as DefaultsMode;
  throw new UsageError(`--defaults must be ${DEFAULTS_MODES.join(" or ")}, not "${String(v)}"`);
}

export function printProblems(io: CliIo, problems: DagProblem[]): void {
  for (const p of problems) io.stderr(formatProblem(p) + "\n");
}
