// Reads one DAG file (YAML or JSON) as the environment would deploy it: validated with the
// environment's Airflow defaults, every problem with its line, column and field. Shared by
// deploy (which refuses on errors) and the editor's live validation (which shows them).
import { specHash } from "../../../domain/dag/canonical";
import type { DagProblem } from "../../../domain/dag/problems";
import type { DagSpec, DefaultsMode } from "../../../domain/dag/spec";
import { validateDagText } from "../../../domain/dag/validate-dag";
import { AppError } from "../../errors";

export type DagFileFormat = "yaml" | "json";

/** A problem as the API shows it in `details` (DagProblem, with Airflow-style names). */
export interface DagFileProblem {
  severity: "error" | "warning";
  line: number | null;
  column: number | null;
  /** Field path, e.g. "tasks[3].trigger_rule"; "" for the whole file. */
  field: string;
  message: string;
  hint?: string;
}

export type CheckedDagFile =
  | { ok: true; spec: DagSpec; version: string; warnings: DagFileProblem[] }
  | { ok: false; errors: DagFileProblem[]; warnings: DagFileProblem[] };

export const MAX_DAG_FILE_BYTES = 4 * 1024 * 1024;

export function toFileProblem(p: DagProblem): DagFileProblem {
  return { severity: p.severity, line: p.line, column: p.column, field: p.path, message: p.message, ...(p.hint ? { hint: p.hint } : {}) };
}

/**
 * Checks the text. A body that is not readable at all (empty, or not JSON when it says it
 * is JSON) is a 400 AppError; a readable file with problems is `{ ok: false }`.
 */
export function checkDagFile(text: string, format: DagFileFormat, defaults: DefaultsMode, fileName = format === "json" ? "dag.json" : "dag.yaml"): CheckedDagFile {
  if (text.trim() === "") throw new AppError("bad_request", "The request body is empty. Send one DAG file (YAML or JSON) as the body.");
  if (text.length > MAX_DAG_FILE_BYTES) {
    throw new AppError("bad_request", `The DAG file is too large (${text.length} characters; the limit is ${MAX_DAG_FILE_BYTES}). Split it into several DAGs.`);
  }
  if (format === "json") {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new AppError("bad_request", `The body is not valid JSON: ${(error as Error).message}. Send a JSON object, or use Content-Type: application/yaml for YAML.`);
    }
  }
  // JSON is YAML too: the YAML reader gives every problem a line and a column.
  const result = validateDagText(text, { file: fileName, defaults });
  const warnings = result.warnings.map(toFileProblem);
  if (!result.ok || !result.spec) return { ok: false, errors: result.errors.map(toFileProblem), warnings };
  return { ok: true, spec: result.spec, version: specHash(result.spec), warnings };
}

/** The 422 for a file with errors: every error in `details`, the first one in the message. */
export function invalidDagFileError(errors: DagFileProblem[]): AppError {
  const first = errors[0];
  const where = first && first.line !== null ? `line ${first.line}, column ${first.column ?? 1}, ` : "";
  const what = first ? `${where}${first.field ? `${first.field}: ` : ""}${first.message}` : "the file is not a valid DAG";
  const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
  return new AppError("unprocessable", `The DAG file has ${count}. First: ${what}. Every error is listed in details.`, errors);
}
