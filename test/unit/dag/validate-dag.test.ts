import { describe, expect, it } from "vitest";
import { brief, manyTasksYaml, validate } from "./helpers";

const ok = (yaml: string) => {
  const r = validate(yaml);
  expect(r.errors).toEqual([]);
  expect(r.ok).toBe(true);
  return r.spec!;
};

describe("a minimal DAG file", () => {
  it("needs only dag_id and tasks, and gets Airflow's defaults", () => {
    const spec = ok("dag_id: d\ntasks:\n  - task_id: a\n    operator: empty\n");
    expect(spec).toMatchObject({
      schedule: null,
      timetable: { type: "none" },
      timezone: "UTC",
      catchup: false,
      start_date: null,
      end_date: null,
      max_active_runs: 16,
      max_active_tasks: 16,
      is_paused_upon_creation: true,
    });
    expect(spec.tasks[0]).toMatchObject({
      task_id: "a",
      upstream: [],
      trigger_rule: "all_success",
      retries: 0,
      retry_delay: 300_000,
      retry_exponential_backoff: 0,
      execution_timeout: null,
      pool: "default_pool",
      pool_slots: 1,
    });
  });

  it("loads JSON too", () => {
    const spec = ok('{"dag_id": "j", "tasks": [{"task_id": "a", "operator": "empty"}]}');
    expect(spec.dag_id).toBe("j");
  });
});

describe("normalization", () => {
  it("merges default_args: DAG < outer group < inner group < task", () => {
    const spec = ok(`
dag_id: d
default_args: { retries: 1, retry_delay: PT1M, execution_timeout: PT1H }
task_groups:
  - group_id: outer
    default_args: { retries: 2 }
  - group_id: inner
    parent_group: outer
    default_args: { retries: 3, retry_delay: PT2M }
tasks:
  - { task_id: top, operator: empty }
  - { task_id: a, operator: empty, task_group: outer }
  - { task_id: b, operator: empty, task_group: inner, upstream: [a] }
  - { task_id: c, operator: empty, task_group: inner, retries: 9, upstream: [b] }
`);
    const byId = Object.fromEntries(spec.tasks.map((t) => [t.task_id, t]));
    expect(Object.keys(byId)).toEqual(["top", "outer.a", "outer.inner.b", "outer.inner.c"]);
    expect(byId["top"].retries).toBe(1);
    expect(byId["outer.a"].retries).toBe(2);
    expect(byId["outer.inner.b"]).toMatchObject({ retries: 3, retry_delay: 120_000, execution_timeout: 3_600_000, upstream: ["outer.a"] });
    expect(byId["outer.inner.c"]).toMatchObject({ retries: 9, upstream: ["outer.inner.b"], task_group: "outer.inner" });
    expect(spec.task_groups).toEqual([
      { group_id: "outer", parent_group: null, tooltip: null },
      { group_id: "outer.inner", parent_group: "outer", tooltip: null },
    ]);
  });

  it("reads an upstream group as its leaves (Airflow's group >> task)", () => {
    const spec = ok(`
dag_id: d
task_groups: [{ group_id: load }]
tasks:
  - { task_id: a, operator: empty, task_group: load }
  - { task_id: b, operator: empty, task_group: load, upstream: [a] }
  - { task_id: c, operator: empty, task_group: load }
  - { task_id: done, operator: empty, upstream: [load] }
`);
    expect(spec.tasks.find((t) => t.task_id === "done")!.upstream).toEqual(["load.b", "load.c"]);
    expect(spec.tasks.find((t) => t.task_id === "load.a")!.downstream).toEqual(["load.b"]);
  });

  it("resolves a bare schedule by the environment's defaults mode", () => {
    const yaml = 'dag_id: d\nschedule: "@daily"\nstart_date: "2024-01-01"\ntasks: [{ task_id: a, operator: empty }]\n';
    const a3 = validate(yaml, "airflow3").spec!;
    const a2 = validate(yaml, "airflow2").spec!;
    expect(a3.timetable).toEqual({ type: "cron_trigger", cron: "0 0 * * *", timezone: "UTC", interval: { months: 0, ms: 0 }, run_immediately: false });
    expect(a3.catchup).toBe(false);
    expect(a2.timetable).toEqual({ type: "cron_data_interval", cron: "0 0 * * *", timezone: "UTC" });
    expect(a2.catchup).toBe(true);
    const d3 = validate(yaml.replace('"@daily"', "PT6H"), "airflow3").spec!;
    const d2 = validate(yaml.replace('"@daily"', "P1M"), "airflow2").spec!;
    expect(d3.timetable).toEqual({ type: "delta_trigger", delta: { months: 0, ms: 6 * 3_600_000 }, interval: { months: 0, ms: 0 } });
    expect(d2.timetable).toEqual({ type: "delta_data_interval", delta: { months: 1, ms: 0 } });
  });

  it("reads a start_date without an offset in the DAG timezone, and stores instants in UTC", () => {
    const spec = ok('dag_id: d\ntimezone: Europe/Zurich\nstart_date: "2024-07-01"\nend_date: "2024-07-02T12:00:00+00:00"\ntasks: [{ task_id: a, operator: empty }]\n');
    expect(spec.start_date).toBe("2024-06-30T22:00:00Z");
    expect(spec.end_date).toBe("2024-07-02T12:00:00Z");
  });

  it("keeps operator fields flat and applies operator defaults", () => {
    const spec = ok(`
dag_id: d
tasks:
  - task_id: call
    operator: http
    endpoint: https://example.com/x
    headers: { Accept: application/json }
    data: { a: 1 }
  - task_id: wait
    operator: http_sensor
    endpoint: https://example.com/ready
    poke_interval: PT30S
  - task_id: run
    operator: script
    code: "export default () => 1"
    args: { n: 2 }
`);
    const [call, wait, run] = spec.tasks;
    expect(call).toMatchObject({ method: "POST", endpoint: "https://example.com/x", headers: { Accept: "application/json" }, data: { a: 1 } });
    expect(wait).toMatchObject({ method: "GET", poke_interval: 30_000, timeout: 7 * 24 * 3_600_000, mode: "poke" });
    expect(run).toMatchObject({ code: "export default () => 1", args: { n: 2 } });
    expect("endpoint" in run).toBe(false);
  });

  it("turns params into schemas, bare values into defaults", () => {
    const spec = ok("dag_id: d\nparams:\n  limit: { type: integer, default: 10, minimum: 1 }\n  region: emea\ntasks: [{ task_id: a, operator: empty }]\n");
    expect(spec.params).toEqual({ limit: { type: "integer", default: 10, minimum: 1 }, region: { default: "emea" } });
  });

  it("maps retry_exponential_backoff true to the multiplier 2", () => {
    const spec = ok("dag_id: d\ntasks: [{ task_id: a, operator: empty, retry_exponential_backoff: true }, { task_id: b, operator: empty, retry_exponential_backoff: 3.5 }]\n");
    expect(spec.tasks.map((t) => t.retry_exponential_backoff)).toEqual([2, 3.5]);
  });
});

describe("errors: every one at once, each with line, column, path and a hint", () => {
  it("reports unknown fields with did-you-mean at the key's position", () => {
    const r = validate("dag_id: d\ndescripton: x\ntasks:\n  - task_id: a\n    operator: empty\n    retires: 3\n");
    expect(r.ok).toBe(false);
    expect(brief(r)).toEqual(['2:1 descripton: unknown field "descripton" in the DAG', '6:5 tasks[0].retires: unknown field "retires" in task "a"']);
    expect(r.errors.map((e) => e.hint)).toEqual(['did you mean "description"?', 'did you mean "retries"?']);
    expect(r.errors[0].file).toBe("dag.yaml");
  });

  it("names the cycle", () => {
    const r = validate("dag_id: d\ntasks:\n  - { task_id: a, operator: empty, upstream: [c] }\n  - { task_id: b, operator: empty, upstream: [a] }\n  - { task_id: c, operator: empty, upstream: [b] }\n");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/cycle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)/);
  });

  it("reports unknown upstream ids, duplicate ids, unknown operators and trigger rules together", () => {
    const r = validate(`dag_id: d
tasks:
  - task_id: a
    operator: emtpy
  - task_id: a
    operator: empty
    trigger_rule: all_sucess
    upstream: [nope, a2]
  - task_id: a2
    operator: PythonOperator
    trigger_rule: none_failed_or_skipped
`);
    expect(brief(r)).toEqual([
      '4:15 tasks[0].operator: unknown operator "emtpy"',
      '5:14 tasks[1].task_id: duplicate task id "a" (first defined at line 3)',
      '7:19 tasks[1].trigger_rule: unknown trigger_rule "all_sucess"',
      '8:16 tasks[1].upstream[0]: unknown upstream task "nope"',
      '10:15 tasks[2].operator: unknown operator "PythonOperator"',
      '11:19 tasks[2].trigger_rule: unknown trigger_rule "none_failed_or_skipped"',
    ]);
    expect(r.errors.map((e) => e.hint)).toEqual([
      'did you mean "empty"?',
      "task ids must be unique within a DAG; rename one of them",
      'did you mean "all_success"?',
      "list the task_id of a task defined in this file",
      'use "script" (Windsock\'s equivalent)',
      'removed in Airflow 3; use "none_failed_min_one_success"',
    ]);
  });

  it("rejects fields of another operator and missing required operator fields", () => {
    const r = validate("dag_id: d\ntasks:\n  - task_id: s\n    operator: script\n    endpoint: https://x\n");
    expect(brief(r)).toEqual(['3:5 tasks[0]: operator "script" needs the field "code"', '5:5 tasks[0].endpoint: field "endpoint" does not apply to operator "script" (it belongs to http, http_sensor)']);
  });

  it("reports bad cron fields with the field name and range", () => {
    const r = validate('dag_id: d\nschedule: "0 24 * * *"\ntasks: [{ task_id: a, operator: empty }]\n');
    expect(r.errors[0]).toMatchObject({ line: 2, column: 11, path: "schedule" });
    expect(r.errors[0].message).toContain('the hour field "24" is invalid');
    expect(r.errors[0].hint).toContain("0-23");
    for (const bad of ['"* * * *"', '"61 * * * *"', '"0 0 31 2 *"', '"@dayly"', '"H * * * *"', '"0 0 * * 1#2"']) {
      expect(validate(`dag_id: d\nschedule: ${bad}\ntasks: [{ task_id: a, operator: empty }]\n`).ok, bad).toBe(false);
    }
    expect(validate('dag_id: d\nschedule: "@dayly"\ntasks: [{ task_id: a, operator: empty }]\n').errors[0].hint).toBe('did you mean "@daily"?');
  });

  it("rejects non-positive and calendar durations where a fixed one is needed", () => {
    const r = validate("dag_id: d\ndagrun_timeout: PT0S\nschedule: PT0S\ntasks:\n  - { task_id: a, operator: empty, execution_timeout: P1M, retry_delay: 5m }\n");
    expect(brief(r)).toEqual([
      '2:17 dagrun_timeout: "PT0S" must be a positive duration',
      "3:11 schedule: the schedule interval must be positive",
      '5:55 tasks[0].execution_timeout: "P1M" uses months or years, which have no fixed length here',
      '5:73 tasks[0].retry_delay: "5m" is not an ISO-8601 duration',
    ]);
  });

  it("refuses both schedule and timetable, and checks the timetable's own fields", () => {
    const r = validate(`dag_id: d
schedule: "@daily"
timetable:
  type: cron_trigger
  delta: P1D
  run_immediately: maybe
tasks: [{ task_id: a, operator: empty }]
`);
    const msgs = r.errors.map((e) => e.message);
    expect(msgs).toContain('both "schedule" and "timetable" are given');
    expect(msgs).toContain('timetable type "cron_trigger" needs "cron"');
    expect(msgs).toContain('"delta" does not apply to timetable type "cron_trigger"');
    expect(msgs).toContain('"maybe" is not an ISO-8601 duration');
    expect(r.errors.find((e) => e.message.startsWith("both"))).toMatchObject({ line: 3, column: 1 });
  });

  it("refuses catchup without start_date, and @continuous with max_active_runs > 1", () => {
    const r = validate('dag_id: d\nschedule: "@hourly"\ncatchup: true\ntasks: [{ task_id: a, operator: empty }]\n');
    expect(brief(r)).toEqual(["3:10 catchup: catchup is true but there is no start_date (Airflow refuses this too: there is nothing to catch up from)"]);
    // Airflow 2 defaults turn catchup on, so the same file without catchup needs a start_date there only.
    const yaml = 'dag_id: d\nschedule: "@hourly"\ntasks: [{ task_id: a, operator: empty }]\n';
    expect(validate(yaml, "airflow3").ok).toBe(true);
    expect(validate(yaml, "airflow2").errors[0].path).toBe("schedule");
    const c = validate('dag_id: d\nschedule: "@continuous"\nstart_date: "2024-01-01"\ntasks: [{ task_id: a, operator: empty }]\n');
    expect(c.errors[0].message).toContain("max_active_runs is 16 (the default)");
    expect(validate('dag_id: d\nschedule: "@continuous"\nmax_active_runs: 1\nstart_date: "2024-01-01"\ntasks: [{ task_id: a, operator: empty }]\n').ok).toBe(true);
    const never = validate('dag_id: d\nschedule: "@continuous"\nmax_active_runs: 1\ntasks: [{ task_id: a, operator: empty }]\n');
    expect(never.ok).toBe(true);
    expect(never.warnings.map((w) => w.message)).toContain("a continuous schedule without a start_date never runs (as in Airflow)");
  });

  it("checks params against their schema", () => {
    const r = validate(`dag_id: d
params:
  limit: { type: integer, default: 0, minimum: 1 }
  mode: { type: string, default: fast, enum: [slow, medium] }
  when: { type: strng, default: x }
  n: { type: integer, defualt: 3 }
tasks: [{ task_id: a, operator: empty }]
`);
    expect(brief(r)).toEqual([
      "3:36 params.limit.default: default 0 is less than the minimum 1",
      '4:34 params.mode.default: default "fast" is not one of ["slow","medium"]',
      '5:17 params.when.type: unknown type "strng"',
      '6:23 params.n.defualt: unknown param schema keyword "defualt"',
    ]);
    expect(r.errors[2].hint).toBe('did you mean "string"?');
  });

  it("rejects unsupported Airflow features with a clear message", () => {
    const r = validate("dag_id: d\ntasks:\n  - { task_id: a, operator: script, code: x, expand: { n: [1, 2] } }\n  - { task_id: b, operator: empty, python_callable: f }\n");
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("dynamic task mapping (`expand`) is not supported yet"),
      expect.stringContaining("Python callables are not supported"),
    ]);
  });

  it("warns about fields that are parsed but not enforced yet, without failing", () => {
    const r = validate("dag_id: d\nmax_active_runs: 2\nmax_active_tasks: 4\ntasks: [{ task_id: a, operator: empty, pool: etl, depends_on_past: true }, { task_id: b, operator: empty, sla: PT1H }]\n");
    expect(r.ok).toBe(true);
    // depends_on_past, pools and max_active_tasks are enforced (by the DagRun workflow and the worker), so they are not warned about.
    expect(r.warnings.map((w) => w.message)).toEqual(['"sla" is checked but not enforced yet (first set in task "b")']);
  });

  it("reports YAML syntax errors with their position", () => {
    const r = validate("dag_id: d\ntasks:\n  - task_id: a\n     operator: empty\n");
    expect(r.ok).toBe(false);
    expect(r.errors[0].line).toBeGreaterThanOrEqual(3);
    expect(r.errors[0].message).toMatch(/^YAML syntax/);
    const dup = validate("dag_id: d\ndag_id: e\ntasks: []\n");
    expect(dup.errors[0]).toMatchObject({ line: 2, column: 1 });
    expect(dup.errors[0].hint).toContain("each key may appear once");
  });

  it("explains the classic unquoted-schedule YAML mistakes", () => {
    const at = validate("dag_id: d\nschedule: @daily\ntasks: []\n");
    expect(at.errors[0]).toMatchObject({ line: 2, hint: 'quote the value, e.g. schedule: "@daily"' });
    const star = validate("dag_id: d\nschedule: */5 * * * *\ntasks: []\n");
    expect(star.errors).toHaveLength(1);
    expect(star.errors[0].hint).toContain("quote cron expressions");
  });

  it("says what a wrong type is and how to write it", () => {
    const r = validate("dag_id: d\ncatchup: 'yes'\ntags: etl\ntasks:\n  - { task_id: a, operator: empty, retries: '3' }\n");
    expect(brief(r)).toEqual([
      '2:10 catchup: must be true or false, not the string "yes"',
      '3:7 tags: must be a list, not the string "etl"',
      '5:45 tasks[0].retries: must be a number, not the string "3"',
    ]);
    expect(r.errors.map((e) => e.hint)).toEqual(["write true or false without quotes", 'write a list, e.g. ["etl"]', "write the number without quotes"]);
  });

  it("reports a missing required field on its parent", () => {
    const r = validate("description: no id\ntasks:\n  - operator: empty\n");
    expect(brief(r)).toEqual(['1:1 : missing required field "dag_id"', '3:5 tasks[0]: missing required field "task_id"']);
  });
});

describe("hostile files fail fast with an error", () => {
  it("rejects a YAML bomb (alias expansion)", () => {
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    let prev = "a";
    for (let i = 0; i < 12; i++) {
      bomb += `b${i}: &b${i} [${Array(10).fill(`*${prev}`).join(", ")}]\n`;
      prev = `b${i}`;
    }
    const r = validate(bomb);
    expect(r.ok).toBe(false);
    expect(r.errors[0].message).toMatch(/alias/);
  });

  it("rejects deep nesting before parsing", () => {
    const flow = validate("dag_id: d\nparams: { x: " + "[".repeat(100_000) + "]".repeat(100_000) + " }\ntasks: []\n");
    expect(flow.errors[0].message).toMatch(/nesting is too deep/);
    let block = "dag_id: d\nparams:\n";
    for (let i = 1; i < 400; i++) block += " ".repeat(i * 2) + `k${i}:\n`;
    expect(validate(block).errors[0].message).toMatch(/nesting is too deep/);
    expect(validate("x:\n" + "- ".repeat(5000) + "1\n").errors[0].message).toMatch(/nesting is too deep/);
    // A stray quote before the brackets does not hide them.
    const hidden = validate("code: |\n  it ' s\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
    expect(hidden.errors[0].message).toMatch(/nesting is too deep/);
  });

  it("rejects huge strings and huge files", () => {
    expect(validate(`dag_id: d\ndescription: "${"x".repeat(1_100_000)}"\ntasks: []\n`).errors[0].message).toMatch(/string is too long/);
    expect(validate("#" + "x".repeat(5 * 1024 * 1024)).errors[0].message).toMatch(/file is too large/);
  });

  it("rejects a file that is not a mapping", () => {
    expect(validate("- a\n- b\n").errors[0].message).toMatch(/must be a mapping/);
    expect(validate("").errors[0].message).toMatch(/must be a mapping/);
  });
});

describe("size", () => {
  it("validates a 10,000-task chain (timing is in test/bench/validate-dag.bench.ts)", () => {
    const r = validate(manyTasksYaml(10_000));
    expect(r.errors).toEqual([]);
    expect(r.spec!.tasks).toHaveLength(10_000);
    expect(r.spec!.tasks[9_999].upstream).toEqual(["t9998"]);
  });

  it("finds a cycle closing a 10,000-task chain without overflowing the stack", () => {
    const yaml = manyTasksYaml(10_000).replace("  - task_id: t0\n    operator: empty\n", "  - task_id: t0\n    operator: empty\n    upstream: [t9999]\n");
    const r = validate(yaml);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^the tasks form a cycle: /);
  });
});
