// Prints how long validation takes for a 10,000-task DAG file and how long next-runs takes
// (readable lines on stderr; with --json, the medians as one JSON object on stdout).
// Run: npm run bench -- validate-dag [--json]   (not part of npm test; no timing assertions)
import { validateDagText } from "../../lib/domain/dag/validate-dag";
import { specHash } from "../../lib/domain/dag/canonical";
import { nextRuns } from "../../lib/domain/timetable/timetables";

function chainYaml(n: number): string {
  const lines = ["dag_id: big", 'schedule: "0 6 * * *"', "timezone: Europe/Zurich", "max_active_runs: 4", 'start_date: "2024-01-01"', "default_args: { retries: 2, retry_delay: PT1M }", "tasks:"];
  for (let i = 0; i < n; i++) {
    lines.push(`  - task_id: t${i}`, "    operator: script", '    code: "export default () => 1"');
    if (i > 0) lines.push(`    upstream: [t${i - 1}${i > 1 ? `, t${i - 2}` : ""}]`);
  }
  return lines.join("\n") + "\n";
}

const say = (m: string) => process.stderr.write(m + "\n");
const figures: Record<string, number> = {};

function time<T>(label: string, key: string, fn: () => T, runs = 5): T {
  let result!: T;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(runs / 2)];
  figures[key] = Math.round(median * 10) / 10;
  say(`${label}: median ${median.toFixed(1)} ms, min ${samples[0].toFixed(1)} ms (${runs} runs)`);
  return result;
}

const text = chainYaml(10_000);
say(`10,000-task file: ${(text.length / 1024).toFixed(0)} KiB`);
const r = time("validate + normalize 10,000 tasks", "validate_10000_tasks_ms", () => validateDagText(text, { file: "big.yaml" }));
if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
time("specHash of the 10,000-task spec", "spec_hash_10000_tasks_ms", () => specHash(r.spec!));
time("next-runs: 1,000 runs of a Europe/Zurich cron", "next_runs_1000_ms", () =>
  nextRuns(r.spec!.timetable, null, { earliest: Date.parse(r.spec!.start_date!), latest: null, catchup: true }, Date.UTC(2030, 0, 1), 1000),
);
if (process.argv.includes("--json")) console.log(JSON.stringify(figures));
