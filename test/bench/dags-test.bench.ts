// Times `windsock dags test` on a generated 100-task DAG: the CLI end to end (a fresh
// process: tsx start, DAG load, sandbox compile) and the in-process run driver (warm).
// Run: npx tsx test/bench/dags-test.bench.ts [--json]
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateDagText } from "../../lib/domain/dag/validate-dag";
import { createOutboundHttpClient } from "../../lib/operators/http/outbound-http-client";
import { prepareManualRun } from "../../lib/operators/local/prepare-manual-run";
import { driveRun } from "../../lib/operators/run-driver";
import { MemoryXComStore } from "../../lib/operators/xcom/memory-xcom-store";

const root = path.resolve(import.meta.dirname, "../..");

/** 100 tasks: a start, 7 layers of 14 (scripts with and without templates, empties, one branch), a join. */
export function hundredTaskDag(): string {
  const lines = ["dag_id: bench_100", "schedule: null", "params: { factor: 3 }", "tasks:"];
  lines.push(`  - task_id: start
    operator: script
    args: { day: "{{ ds }}", next: "{{ macros.ds_add(ds, 1) }}" }
    code: "export default (ctx) => ({ day: ctx.args.day, n: 0 })"`);
  let previous = ["start"];
  for (let layer = 0; layer < 7; layer++) {
    const current: string[] = [];
    for (let i = 0; i < 14; i++) {
      const id = `l${layer}_t${i}`;
      const up = previous[i % previous.length];
      const kind = i % 4;
      if (layer === 3 && i === 0) {
        lines.push(`  - { task_id: ${id}, operator: branch, upstream: [${up}], code: "export default () => null" }`);
      } else if (kind === 0) {
        lines.push(`  - { task_id: ${id}, operator: empty, upstream: [${up}], trigger_rule: none_failed }`);
      } else if (kind === 1) {
        lines.push(`  - task_id: ${id}
    operator: script
    upstream: [${up}]
    trigger_rule: none_failed
    args: { key: "{{ task_instance_key_str }}", factor: "{{ params.factor }}" }
    code: "export default async (ctx) => ({ key: ctx.args.key, x: Number(ctx.args.factor) * ${i} })"`);
      } else {
        lines.push(`  - task_id: ${id}
    operator: script
    upstream: [${up}]
    trigger_rule: none_failed
    code: "export default async (ctx) => { const v = await ctx.xcom.pull('${up}'); return { from: '${up}', had: v !== null, i: ${i} } }"`);
      }
      current.push(id);
    }
    previous = current;
  }
  lines.push(`  - { task_id: end, operator: empty, upstream: [${previous.join(", ")}], trigger_rule: none_failed }`);
  return lines.join("\n") + "\n";
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const json = process.argv.includes("--json");
  const yaml = hundredTaskDag();
  const dir = mkdtempSync(path.join(tmpdir(), "windsock-bench-"));
  const file = path.join(dir, "bench_100.yaml");
  writeFileSync(file, yaml);
  const spec = validateDagText(yaml, { file }).spec!;
  if (spec.tasks.length !== 100) throw new Error(`expected 100 tasks, got ${spec.tasks.length}`);

  const inProcess: number[] = [];
  for (let i = 0; i < 4; i++) {
    const started = performance.now();
    const now = Date.now();
    const result = await driveRun({
      dag: spec,
      run: prepareManualRun({ dag: spec, logicalDate: now, now, conf: {} }),
      ports: {
        xcom: new MemoryXComStore(),
        http: createOutboundHttpClient({ allowPrivateNetwork: true }),
        clock: { now: () => Date.now(), sleep: async () => undefined },
        logFor: () => ({ log: () => undefined }),
      },
    });
    if (result.state.state !== "success") throw new Error(`the bench DAG did not succeed: ${result.state.message}`);
    inProcess.push(performance.now() - started);
  }

  const cli: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const out = execFileSync(process.execPath, [path.join(root, "bin/windsock.js"), "dags", "test", file, "--json"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] });
    cli.push(performance.now() - started);
    if (JSON.parse(out.toString()).state !== "success") throw new Error("the CLI run did not succeed");
  }

  const figures = {
    dags_test_100_tasks_cli_ms: Math.round(median(cli)),
    dags_test_100_tasks_in_process_cold_ms: Math.round(inProcess[0]),
    dags_test_100_tasks_in_process_warm_ms: Math.round(median(inProcess.slice(1))),
  };
  process.stderr.write(
    `dags test, 100-task DAG (78 scripts, 21 empty, 1 branch):\n` +
      `  CLI end to end (new process each time), median of 3: ${figures.dags_test_100_tasks_cli_ms} ms\n` +
      `  in-process run driver, first run: ${figures.dags_test_100_tasks_in_process_cold_ms} ms; warm, median of 3: ${figures.dags_test_100_tasks_in_process_warm_ms} ms\n`,
  );
  if (json) process.stdout.write(JSON.stringify(figures) + "\n");
}

await main();
