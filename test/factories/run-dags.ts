// DAGs straight into PostgreSQL for run tests (durable runs): validate a YAML text, store its DagVersion
// and make it the DAG's current one (what a deploy does, without the registry's service).
import { specHash } from "../../lib/domain/dag/canonical";
import { validateDagText } from "../../lib/domain/dag/validate-dag";
import type { DagSpec } from "../../lib/domain/dag/spec";
import { db } from "../../lib/server/db";
import { insertDagRun } from "../../lib/server/services/runs/insert-dag-run";

export interface StoredDag {
  environmentId: string;
  dagId: string;
  versionId: string;
  spec: DagSpec;
}

export async function storeDag(
  environment: { id: string; organizationId: string },
  yaml: string,
  opts: { paused?: boolean } = {},
): Promise<StoredDag> {
  const checked = validateDagText(yaml, { file: "dag.yaml" });
  if (!checked.ok || !checked.spec) throw new Error(`test DAG is invalid: ${JSON.stringify(checked.errors)}`);
  const spec = checked.spec;
  const hash = specHash(spec);
  const version = await db().dagVersion.create({
    data: {
      organizationId: environment.organizationId,
      environmentId: environment.id,
      dagId: spec.dag_id,
      versionNumber: 1,
      specHash: hash,
      spec: spec as never,
      rawFile: yaml,
      fileFormat: "yaml",
    },
  });
  await db().dag.create({
    data: {
      organizationId: environment.organizationId,
      environmentId: environment.id,
      dagId: spec.dag_id,
      isPaused: opts.paused ?? false,
      currentVersionId: version.id,
    },
  });
  return { environmentId: environment.id, dagId: spec.dag_id, versionId: version.id, spec };
}

/** A chain of `n` no-op script tasks t0 → t1 → … (extra YAML per task, e.g. "execution_timeout: PT10M"). */
export function chainDagYaml(dagId: string, n: number, taskExtra = ""): string {
  const lines = [`dag_id: ${dagId}`, "schedule: null", "tasks:"];
  for (let i = 0; i < n; i++) {
    lines.push(`  - task_id: t${i}`, "    operator: script", '    code: "export default () => null"');
    if (i > 0) lines.push(`    upstream: [t${i - 1}]`);
    if (taskExtra) lines.push(`    ${taskExtra}`);
  }
  return lines.join("\n") + "\n";
}

/** A start task, `n` no-op script tasks in parallel, and a join task. */
export function fanOutDagYaml(dagId: string, n: number): string {
  const lines = [`dag_id: ${dagId}`, "schedule: null", "max_active_tasks: 1000", "tasks:", "  - { task_id: start, operator: script, code: \"export default () => null\" }"];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`  - { task_id: f${i}, operator: script, upstream: [start], code: "export default () => null" }`);
    ids.push(`f${i}`);
  }
  lines.push(`  - { task_id: join, operator: script, upstream: [${ids.join(", ")}], code: "export default () => null" }`);
  return lines.join("\n") + "\n";
}

/**
 * A manual DagRun row of a stored DAG, queued, without starting its workflow (tests start it
 * on the task queue they choose, or leave it to the reconciler).
 */
export function insertManualRun(environment: { id: string; organizationId: string }, dag: StoredDag, runId: string, logicalDate = new Date()) {
  return db().$transaction((tx) =>
    insertDagRun(tx, {
      organizationId: environment.organizationId,
      environmentId: environment.id,
      dagId: dag.dagId,
      dagVersionId: dag.versionId,
      spec: dag.spec,
      runId,
      runType: "manual",
      logicalDate,
      dataIntervalStart: logicalDate,
      dataIntervalEnd: logicalDate,
      runAfter: new Date(),
      conf: {},
      triggeredBy: "rest_api",
    }),
  );
}
