// A try's rendered template fields reach the caller (the worker stores them with the try)
// masked with the try's masker and capped in size, like Airflow's rendered_fields.
import { describe, expect, it } from "vitest";
import { runTaskTry } from "../../../lib/operators/run-task-try";
import { environmentSecretsPorts } from "../../../lib/operators/secrets/env-secrets";
import { capRenderedFields, MAX_RENDERED_FIELD_CHARS } from "../../../lib/operators/templating/cap-rendered-fields";
import { harness, manualRun, specOf } from "./run-helpers";

const secrets = environmentSecretsPorts({ WINDSOCK_VAR_API_KEY: "sk-live-0123456789", WINDSOCK_VAR_REGION: "eu-central-1" });

async function renderedOf(yaml: string): Promise<Record<string, unknown> | undefined> {
  const dag = specOf(yaml);
  const h = harness();
  let rendered: Record<string, unknown> | undefined;
  await runTaskTry({
    dag,
    task: dag.tasks[0],
    run: manualRun(dag),
    try_number: 1,
    max_tries: 0,
    ports: { xcom: h.xcom, http: h.http, clock: h.clock, log: { log: () => undefined } },
    secrets,
    onRenderedFields: (f) => (rendered = f),
  });
  return rendered;
}

describe("rendered template fields of a try", () => {
  it("are given to the caller masked: secret variables, secret-named keys", async () => {
    const rendered = await renderedOf(`
dag_id: r
tasks:
  - task_id: t
    operator: script
    args:
      region: "{{ var.value.region }} on {{ ds }}"
      key: "Bearer {{ var.value.api_key }}"
      api_secret: not-from-a-variable
    code: "export default (ctx) => null"
`);
    expect(rendered).toEqual({ args: { region: "eu-central-1 on 2024-03-01", key: "Bearer ***", api_secret: "***" } });
  });

  it("are kept even when the task then fails", async () => {
    const rendered = await renderedOf(`
dag_id: r
tasks:
  - { task_id: t, operator: script, args: { who: "{{ run_id }}" }, code: "export default () => { throw new Error('no') }" }
`);
    expect((rendered?.args as { who: string }).who).toMatch(/^manual__/);
  });

  it("cuts a huge value to a truncated text", () => {
    const capped = capRenderedFields({ small: { a: 1 }, big: "x".repeat(MAX_RENDERED_FIELD_CHARS * 2) });
    expect(capped.small).toEqual({ a: 1 });
    expect(String(capped.big)).toMatch(/^Truncated: the rendered value has 32770 characters/);
    expect(String(capped.big).length).toBeLessThan(MAX_RENDERED_FIELD_CHARS + 200);
  });
});
