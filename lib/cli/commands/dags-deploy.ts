// windsock dags deploy PATH... — uploads DAG files to one environment through the REST API
// (POST /api/v1/environments/{env}/dags), as CI would: YAML and JSON files as written (so the
// server keeps the raw file for its Code view), TypeScript DAGs as their JSON. Each file
// answers created / unchanged / restored, or its errors as file:line:col like `validate`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { DagProblem } from "../../domain/dag/problems";
import { EXIT, UsageError, type Command } from "../command";
import { isTypeScriptFile, loadDagFile } from "../load-dag";
import { printProblems } from "../options";

interface ServerProblem {
  severity?: "error" | "warning";
  line?: number | null;
  column?: number | null;
  field?: string;
  message?: string;
  hint?: string;
}

export const dagsDeploy: Command = {
  path: ["dags", "deploy"],
  summary:
    "Deploy DAG files (YAML, JSON, TypeScript; a directory means its YAML and JSON files) to one environment through the API. Needs --url and --env (or WINDSOCK_URL, WINDSOCK_ENV) and an API token with the editor role in WINDSOCK_TOKEN. An unchanged DAG is reported and left alone; --dry-run checks with the environment's settings and deploys nothing.",
  usage: "dags deploy PATH... [--url URL] [--env ENVIRONMENT_ID] [--dag-id ID] [--dry-run] [--json]",
  options: { url: { type: "string" }, env: { type: "string" }, "dag-id": { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" } },
  async run({ positionals, values, io }) {
    if (!positionals.length) throw new UsageError("give at least one DAG file or directory");
    const url = (values.url as string | undefined) ?? process.env.WINDSOCK_URL;
    const env = (values.env as string | undefined) ?? process.env.WINDSOCK_ENV;
    const token = process.env.WINDSOCK_TOKEN;
    if (!url) throw new UsageError("say where Windsock is: --url https://windsock.example.com (or WINDSOCK_URL)");
    if (!env) throw new UsageError("say which environment: --env <environment id> (or WINDSOCK_ENV); it is shown on the environment's API tokens page");
    if (!token) throw new UsageError("set WINDSOCK_TOKEN to an API token of that environment with the editor role");
    let endpoint: string;
    try {
      endpoint = new URL(`/api/v1/environments/${encodeURIComponent(env)}/dags${values["dry-run"] ? "?dry_run=true" : ""}`, url).toString();
    } catch {
      throw new UsageError(`--url "${url}" is not a URL`);
    }

    const report: unknown[] = [];
    let failed = 0;
    for (const given of positionals) {
      for (const d of await loadDagFile(given, io.cwd, { dagId: values["dag-id"] as string | undefined })) {
        if (d.source === undefined) {
          // Unreadable locally (missing, YAML syntax, TS load error): nothing to send.
          printProblems(io, d.result.errors);
          failed++;
          report.push({ file: d.file, ok: false, errors: d.result.errors });
          continue;
        }
        const typescript = isTypeScriptFile(d.file.replace(/#.*$/, ""));
        const body = typescript ? JSON.stringify(d.source, null, 2) + "\n" : await readFile(path.resolve(io.cwd, d.file), "utf8");
        const contentType = typescript || /\.json$/i.test(d.file) ? "application/json" : "application/yaml";
        let status: number;
        let answer: Record<string, unknown>;
        try {
          const response = await fetch(endpoint, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": contentType }, body });
          status = response.status;
          const text = await response.text();
          try {
            answer = JSON.parse(text) as Record<string, unknown>;
          } catch {
            answer = { error: { message: text.slice(0, 300) } };
          }
        } catch (error) {
          io.stderr(`${d.file}: cannot reach ${endpoint}: ${(error as Error).message}\n`);
          return EXIT.failure;
        }
        if (status === 200 || status === 201) {
          const warnings = ((answer.warnings as ServerProblem[] | undefined) ?? []).map((p) => toProblem(d.file, p, "warning"));
          printProblems(io, warnings);
          if (!values.json) {
            const version = String(answer.version ?? "").slice(0, 12);
            const outcome = answer.dry_run ? `would be ${answer.outcome === "created" ? "created as" : String(answer.outcome)}` : String(answer.outcome);
            io.stderr(`${d.file}: ${outcome} ${String(answer.dag_id)} v${String(answer.version_number)} (${version})${answer.is_paused ? ", paused" : ""}\n`);
          }
          report.push({ file: d.file, ok: true, ...answer });
          continue;
        }
        failed++;
        const error = (answer.error ?? {}) as { code?: string; message?: string; details?: unknown };
        if (status === 422 && Array.isArray(error.details)) {
          printProblems(io, (error.details as ServerProblem[]).map((p) => toProblem(d.file, p, "error")));
        }
        io.stderr(`${d.file}: not deployed (HTTP ${status}): ${error.message ?? "no message"}\n`);
        report.push({ file: d.file, ok: false, status, error });
        if (status === 401 || status === 403 || status === 404) {
          // The same answer would come for every other file.
          if (values.json) io.stdout(JSON.stringify(report, null, 2) + "\n");
          return EXIT.failure;
        }
      }
    }
    if (values.json) io.stdout(JSON.stringify(report, null, 2) + "\n");
    if (failed) io.stderr(`${failed} DAG file${failed === 1 ? "" : "s"} not deployed\n`);
    return failed ? EXIT.failure : EXIT.ok;
  },
};

function toProblem(file: string, p: ServerProblem, severity: "error" | "warning"): DagProblem {
  return { severity: p.severity ?? severity, file, line: p.line ?? null, column: p.column ?? null, path: p.field ?? "", message: p.message ?? "", hint: p.hint };
}


