// End to end: spawns `node bin/windsock.js` as a user would, and checks exit codes, stdout
// (machine output only) and stderr (messages).
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateDagText } from "../../../lib/domain/dag/validate-dag";

const root = path.resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(path.join(tmpdir(), "windsock-cli-"));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

function windsock(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("node", ["bin/windsock.js", ...args], { cwd: root, env: { PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const zurichDaily = file(
  "zurich.yaml",
  'dag_id: zurich_daily\nschedule: "0 0 * * *"\ntimezone: Europe/Zurich\nstart_date: "2024-03-29"\ntasks:\n  - { task_id: a, operator: empty }\n',
);
const manualOnly = file("manual.yaml", "dag_id: manual_only\ntasks:\n  - { task_id: a, operator: empty }\n");
const invalid = file("invalid.yaml", "dag_id: bad\nschedul: \"@daily\"\ntasks:\n  - task_id: a\n    operator: empty\n    upstream: [b]\n");

describe("windsock dags validate", () => {
  it.concurrent("exits 0 for valid files and 1 with every error as file:line:col", async () => {
    const good = await windsock("dags", "validate", zurichDaily, "examples/daily_report.yaml");
    expect(good.code).toBe(0);
    expect(good.stdout).toBe("");
    const bad = await windsock("dags", "validate", zurichDaily, invalid);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain(`${invalid}:2:1: error: schedul: unknown field "schedul" in the DAG\n    hint: did you mean "schedule"?`);
    expect(bad.stderr).toContain(`${invalid}:6:16: error: tasks[0].upstream[0]: unknown upstream task "b"`);
  });

  it.concurrent("validates the YAML files of a directory and refuses a dag_id defined twice", async () => {
    const sub = mkdtempSync(path.join(dir, "dags-"));
    writeFileSync(path.join(sub, "a.yaml"), "dag_id: same\ntasks: [{ task_id: a, operator: empty }]\n");
    writeFileSync(path.join(sub, "b.yml"), "dag_id: same\ntasks: [{ task_id: b, operator: empty }]\n");
    writeFileSync(path.join(sub, "notes.txt"), "not a DAG");
    const r = await windsock("dags", "validate", sub);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path.join(sub, "b.yml")}: error: dag_id: dag_id "same" is also defined in ${path.join(sub, "a.yaml")}`);
    expect(r.stderr).not.toContain("notes.txt");
  });

  it.concurrent("accepts TypeScript files exporting a list of DAGs, and --dag-id picks one", async () => {
    const all = await windsock("dags", "validate", "examples/customer_exports.ts");
    expect(all.code).toBe(0);
    expect(all.stderr.match(/: ok \(/g)).toHaveLength(4);
    const one = await windsock("dags", "validate", "examples/customer_exports.ts", "--dag-id", "export_acme");
    expect(one.stderr.match(/: ok \(/g)).toHaveLength(1);
    const missing = await windsock("dags", "validate", "examples/customer_exports.ts", "--dag-id", "nope");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no DAG with dag_id "nope"');
  });

  it.concurrent("reports a TypeScript DAG that does not validate", async () => {
    const ts = file(
      "bad-dag.ts",
      `import { dag } from ${JSON.stringify(path.join(root, "lib/sdk/index.ts"))};\n` +
        'export default dag({ dag_id: "t", schedule: "0 0 * *" }, (t) => { t.empty("a", { upstream: ["zzz"] }); });\n',
    );
    const r = await windsock("dags", "validate", ts);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("schedule: cron expression \"0 0 * *\" has 4 fields");
    expect(r.stderr).toContain('unknown upstream task "zzz"');
  });
});

describe("windsock dags next-runs", () => {
  it.concurrent("prints Airflow's next_dagrun_info sequence as JSON with UTC instants, across DST", async () => {
    const r = await windsock("dags", "next-runs", zurichDaily, "--now", "2024-03-29T12:00:00Z", "-n", "3", "--json", "--defaults", "airflow2");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        run_id: "scheduled__2024-03-28T23:00:00+00:00",
        logical_date: "2024-03-28T23:00:00Z",
        data_interval_start: "2024-03-28T23:00:00Z",
        data_interval_end: "2024-03-29T23:00:00Z",
        run_after: "2024-03-29T23:00:00Z",
      },
      {
        run_id: "scheduled__2024-03-29T23:00:00+00:00",
        logical_date: "2024-03-29T23:00:00Z",
        data_interval_start: "2024-03-29T23:00:00Z",
        data_interval_end: "2024-03-30T23:00:00Z",
        run_after: "2024-03-30T23:00:00Z",
      },
      {
        run_id: "scheduled__2024-03-30T23:00:00+00:00",
        logical_date: "2024-03-30T23:00:00Z",
        data_interval_start: "2024-03-30T23:00:00Z",
        data_interval_end: "2024-03-31T22:00:00Z",
        run_after: "2024-03-31T22:00:00Z",
      },
    ]);
  });

  it.concurrent("uses trigger semantics with Airflow 3 defaults, and --after continues from a given interval", async () => {
    const r = await windsock("dags", "next-runs", zurichDaily, "--now", "2024-03-29T12:00:00Z", "-n", "2", "--json", "--after", "2024-04-01T22:00:00Z/2024-04-01T22:00:00Z");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { logical_date: string; run_after: string }) => [x.logical_date, x.run_after])).toEqual([
      ["2024-04-02T22:00:00Z", "2024-04-02T22:00:00Z"],
      ["2024-04-03T22:00:00Z", "2024-04-03T22:00:00Z"],
    ]);
  });

  it.concurrent("prints [] and exits 0 when no run will come", async () => {
    const r = await windsock("dags", "next-runs", manualOnly, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it.concurrent("exits 1 with the errors on stderr for an invalid file", async () => {
    const r = await windsock("dags", "next-runs", invalid, "--json");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown field");
  });

  it.concurrent("prints a readable table that says the schedule in words", async () => {
    const r = await windsock("dags", "next-runs", zurichDaily, "--now", "2024-03-29T12:00:00Z", "-n", "2");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("zurich_daily: at 00:00 every day (Europe/Zurich); runs at each tick");
    expect(r.stdout).toContain("2024-03-30T00:00:00+01:00");
  });

  it.concurrent("rejects bad options with exit 2 and the usage", async () => {
    const bad = await Promise.all([
      windsock("dags", "next-runs", zurichDaily, "-n", "zero"),
      windsock("dags", "next-runs", zurichDaily, "--defaults", "airflow1"),
      windsock("dags", "next-runs", zurichDaily, "--after", "yesterday"),
      windsock("dags", "next-runs", zurichDaily, "--bogus"),
      windsock("dags", "frobnicate"),
    ]);
    for (const r of bad) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage: windsock|Commands:/);
    }
  });
});

describe("windsock dags show and build", () => {
  it.concurrent("show prints the task graph in dependency order", async () => {
    const r = await windsock("dags", "show", "examples/daily_report.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stage 1\n {2}extract \(http, retries 2\)\n {4}-> transform\.clean/);
    expect(r.stdout).toContain("notify_team (notify, retries 2)\n    <- transform.aggregate");
  });

  it.concurrent("build prints a TypeScript DAG as a JSON DAG file that validates on its own", async () => {
    const r = await windsock("dags", "build", "examples/customer_exports.ts", "--dag-id", "export_globex");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.dag_id).toBe("export_globex");
    const again = validateDagText(r.stdout, { file: "built.json" });
    expect(again.errors).toEqual([]);
    const spec = await windsock("dags", "build", "examples/customer_exports.ts", "--dag-id", "export_globex", "--spec");
    expect(JSON.parse(spec.stdout).version).toMatch(/^[0-9a-f]{64}$/);
  });
});
