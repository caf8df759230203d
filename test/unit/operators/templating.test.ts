// Templates render inside the sandbox with Airflow 3.1's context, macros and filters.
// Expected strings were produced by Airflow 3.1.8's own SandboxedEnvironment (StrictUndefined).
import { describe, expect, it } from "vitest";
import { renderFields, renderString, TemplateRenderError } from "../../../lib/operators/templating/render-fields";
import { buildTemplateContext, type TemplateContextInput } from "../../../lib/operators/templating/template-context";
import { createWarmTemplateRenderer } from "../../../lib/operators/templating/warm-template-renderer";

const input: TemplateContextInput = {
  dag_id: "user_processing",
  task_id: "extract.fetch_user",
  run_id: "manual__2024-03-01T00:00:00+00:00",
  run_type: "manual",
  logical_date: "2024-03-01T00:00:00Z",
  data_interval_start: "2024-03-01T00:00:00Z",
  data_interval_end: "2024-03-02T00:00:00Z",
  run_after: "2024-03-02T00:00:00Z",
  start_date: "2024-03-02T00:00:05.250Z",
  conf: { x: 1, limit: 50 },
  params: { limit: 10, name: "bob", tags: ["a", "b"] },
  try_number: 2,
  max_tries: 3,
};
const context = buildTemplateContext(input);
const render = (t: string) => renderString(t, context);

describe("Airflow context keys", () => {
  it.each([
    ["{{ ds }}", "2024-03-01"],
    ["{{ ds_nodash }}", "20240301"],
    ["{{ ts }}", "2024-03-01T00:00:00+00:00"],
    ["{{ ts_nodash }}", "20240301T000000"],
    ["{{ ts_nodash_with_tz }}", "20240301T000000+0000"],
    ["{{ logical_date }}", "2024-03-01 00:00:00+00:00"],
    ["{{ data_interval_start }}", "2024-03-01 00:00:00+00:00"],
    ["{{ data_interval_end }}", "2024-03-02 00:00:00+00:00"],
    ["{{ run_id }}", "manual__2024-03-01T00:00:00+00:00"],
    ["{{ dag_run.run_id }}", "manual__2024-03-01T00:00:00+00:00"],
    ["{{ dag_run.run_type }}", "manual"],
    ["{{ dag_run.logical_date }}", "2024-03-01 00:00:00+00:00"],
    ["{{ dag_run.start_date }}", "2024-03-02 00:00:05.250000+00:00"],
    ["{{ dag_run.conf.x }}", "1"],
    ["{{ dag_run.conf }}", "{'x': 1, 'limit': 50}"],
    ["{{ task_instance_key_str }}", "user_processing__extract.fetch_user__20240301"],
    ["{{ ti.try_number }}", "2"],
    ["{{ task_instance.try_number }}", "2"],
    ["{{ try_number }}", "2"],
    ["{{ ti.task_id }}", "extract.fetch_user"],
    ["{{ ti.map_index }}", "-1"],
    ["{{ task.task_id }}", "extract.fetch_user"],
    ["{{ dag.dag_id }}", "user_processing"],
    ["{{ prev_data_interval_start_success }}", "None"],
    ["{{ prev_start_date_success }}", "None"],
    ["{{ task_reschedule_count }}", "0"],
  ])("%s renders %s", async (template, expected) => {
    expect(await render(template)).toBe(expected);
  });

  it("applies conf over params, as Airflow's process_params does", async () => {
    expect(await render("{{ params.limit }} {{ params.name }} {{ params.x }}")).toBe("50 bob 1");
  });

  it("uses the run id in task_instance_key_str when there is no logical date", async () => {
    const ctx = buildTemplateContext({ ...input, logical_date: null, data_interval_start: null, data_interval_end: null });
    expect(await renderString("{{ task_instance_key_str }}", ctx)).toBe("user_processing__extract.fetch_user__manual__2024-03-01T00:00:00+00:00");
    await expect(renderString("{{ ds }}", ctx)).rejects.toThrow("'ds' is undefined");
  });

  it("gives DateTime methods and Airflow's date filters", async () => {
    expect(await render("{{ logical_date.strftime('%A %d %B %Y') }}")).toBe("Friday 01 March 2024");
    expect(await render("{{ data_interval_start.isoformat() }}")).toBe("2024-03-01T00:00:00+00:00");
    expect(await render("{{ data_interval_end | ds }}|{{ logical_date | ts_nodash_with_tz }}|{{ logical_date | ds_nodash }}|{{ logical_date | ts }}|{{ logical_date | ts_nodash }}")).toBe(
      "2024-03-02|20240301T000000+0000|20240301|2024-03-01T00:00:00+00:00|20240301T000000",
    );
    expect(await render("{{ logical_date.year }}-{{ logical_date.month }}")).toBe("2024-3");
  });
});

describe("macros", () => {
  it.each([
    ["{{ macros.ds_add(ds, 5) }}", "2024-03-06"],
    ["{{ macros.ds_add(ds, -1) }}", "2024-02-29"],
    ["{{ macros.ds_add('2024-02-28', 1) }}", "2024-02-29"],
    ["{{ macros.ds_add('2023-12-31', 1) }}", "2024-01-01"],
    ["{{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}", "01/03/2024"],
    ["{{ macros.ds_format('2024-03-01', '%Y-%m-%d', '%Y%m%d') }}", "20240301"],
    ["{{ macros.ds_format('01/03/24', '%d/%m/%y', '%b %d, %Y') }}", "Mar 01, 2024"],
    ["{{ macros.json.dumps(params.tags) }}", '["a", "b"]'],
  ])("%s renders %s", async (template, expected) => {
    expect(await render(template)).toBe(expected);
  });

  it("explains a date that does not fit the format", async () => {
    await expect(render("{{ macros.ds_format('2024/03/01', '%Y-%m-%d', '%d') }}")).rejects.toThrow(/does not match format/);
  });
});

describe("Jinja syntax and filters", () => {
  it.each([
    ["{{ params }}", "{'limit': 50, 'name': 'bob', 'tags': ['a', 'b'], 'x': 1}"],
    ["{{ params.tags | tojson }}", '["a", "b"]'],
    ["{{ {'b': 1, 'a': [1, 'é']} | tojson }}", '{"a": [1, "\\u00e9"], "b": 1}'],
    ["{{ 'a<b' | tojson }}", '"a\\u003cb"'],
    ["{{ params.missing | default('d') }}", "d"],
    ["{{ params.missing | d('short') }}", "short"],
    ["{{ '' | default('empty', true) }}", "empty"],
    ["{{ params.name | upper }}", "BOB"],
    ["{{ 'Hello World' | lower }}", "hello world"],
    ["{{ 'hello world' | title }}", "Hello World"],
    ["{{ '  x  ' | trim }}", "x"],
    ["{{ params.tags | length }}", "2"],
    ["{{ params.tags | join(',') }}", "a,b"],
    ["{{ 'a-b-c' | replace('-', '_') }}", "a_b_c"],
    ["{{ '42' | int + 1 }}", "43"],
    ["{{ params.tags | first }}{{ params.tags | last }}", "ab"],
    ["{{ [3, 1, 2] | sort }}", "[1, 2, 3]"],
    ["{{ dag_run.conf.items() | list }}", "[('x', 1), ('limit', 50)]"],
    ["{{ 10 / 4 }}", "2.5"],
    ["{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }}", "3 -4 2 1024"],
    ["{{ [1,2] }} {{ none }} {{ true }}", "[1, 2] None True"],
    ["{{ 'x' ~ 1 }}", "x1"],
    ["{{ 'a,b'.split(',') }}", "['a', 'b']"],
    ["{{ params['name'] }}", "bob"],
    ["{{ params.get('nope', 'dflt') }}", "dflt"],
    ["{{ dag_run.conf.get('y', 2) }}", "2"],
    ["{{ params.limit is defined }} {{ params.nope is defined }}", "True False"],
    ["{{ 'yes' if params.limit > 5 else 'no' }}", "yes"],
    ["{% for t in params.tags %}{{ loop.index }}:{{ t }}{% if not loop.last %},{% endif %}{% endfor %}", "1:a,2:b"],
    ["{% for k, v in dag_run.conf.items() %}{{ k }}={{ v }};{% endfor %}", "x=1;limit=50;"],
    ["{% for t in [] %}x{% else %}none{% endfor %}", "none"],
    ["{%- if params.limit > 5 -%}\n big \n{%- else -%} small {%- endif %}", "big"],
    ["{% if params.limit < 5 %}a{% elif params.limit < 100 %}b{% else %}c{% endif %}", "b"],
    ["{% set n = params.limit * 2 %}{{ n }}", "100"],
    ["{# a comment #}x", "x"],
    ["{% raw %}{{ ds }}{% endraw %}", "{{ ds }}"],
    ["SELECT * FROM t WHERE d = '{{ ds }}'\n", "SELECT * FROM t WHERE d = '2024-03-01'"],
    ["no template at all\n", "no template at all"],
  ])("%s renders %s", async (template, expected) => {
    expect(await render(template)).toBe(expected);
  });

  it("renders nested fields: values of dicts and lists, not keys", async () => {
    const out = await renderFields({ args: { "{{ ds }}": "{{ ds }}", list: ["{{ ds_nodash }}", 3, true, null] } }, context);
    expect(out).toEqual({ args: { "{{ ds }}": "2024-03-01", list: ["20240301", 3, true, null] } });
  });
});

describe("errors name the field and the problem", () => {
  it.each([
    ["{{ params.missing }}", "'dict object' has no attribute 'missing'"],
    ["{{ nope }}", "'nope' is undefined"],
    ["{{ nope.x }}", "'nope' is undefined"],
    ["{{ params.limit.x }}", "'int object' has no attribute 'x'"],
    ["{{ x | nofilter }}", "No filter named 'nofilter'."],
    ["{{ ds ", "expected '}}'"],
    ["{% if ds %}x", "missing {% endif %}"],
    ["{% macro m() %}{% endmacro %}", "unknown or unsupported tag 'macro'"],
  ])("%s fails with %s", async (template, message) => {
    const error = await renderFields({ args: { sql: template } }, context).catch((e) => e);
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.field).toBe("args.sql");
    expect(error.message).toContain(message);
  });
});

describe("template injection cannot reach anything", () => {
  it.each([
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.constructor.constructor('return process')() }}",
    "{{ params.constructor }}",
    "{{ params.__proto__ }}",
    "{{ params['__proto__'] }}",
    "{{ params['constructor']['constructor']('return 1')() }}",
    "{{ macros.ds_add.constructor }}",
    "{{ macros.ds_add.fn }}",
    "{{ range.constructor }}",
    "{{ logical_date.constructor }}",
    "{{ logical_date.epochMs.constructor }}",
    "{{ self }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ request.application.__globals__ }}",
    "{{ config }}",
    "{{ [].toString }}",
    "{{ ''.toString }}",
    "{{ globalThis }}",
    "{{ this }}",
  ])("%s is refused", async (template) => {
    await expect(render(template)).rejects.toThrow(TemplateRenderError);
  });

  it("cannot change the context seen by later fields", async () => {
    const out = await renderFields({ a: "{% set params = 1 %}{{ params }}", b: "{{ params.name }}" }, context);
    expect(out).toEqual({ a: "1", b: "bob" });
  });

  it("bounds work: a huge range and a huge string are refused", async () => {
    await expect(render("{% for i in range(10000000) %}x{% endfor %}")).rejects.toThrow(/range\(\) is limited/);
    await expect(render("{{ 'x' * 100000000 }}{{ 'x' * 100000000 }}")).rejects.toThrow();
  });

  it("a template that loops forever stops at the deadline", async () => {
    const big = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}";
    await expect(renderFields({ t: big }, context, { timeoutMs: 300 })).rejects.toThrow(/time limit/);
  });
});

describe("filters that take an attribute read only own data", () => {
  it.each([
    "{{ [params] | join(',', attribute='constructor') }}",
    "{{ [params] | map(attribute='__proto__') | list }}",
    "{{ [params, dag_run.conf] | sort(attribute='constructor') }}",
  ])("%s reaches nothing", async (template) => {
    const error = await render(template).catch((e) => e);
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.message).toMatch(/has no attribute/);
  });

  it("still works for real keys", async () => {
    expect(await render("{{ [{'n': 2}, {'n': 1}] | sort(attribute='n') | map(attribute='n') | join('-') }}")).toBe("1-2");
  });
});

describe("the warm renderer (one context per DagRun) renders exactly like a fresh sandbox", () => {
  const templates = [
    "{{ ds }} {{ ts }} {{ logical_date }} {{ params }} {{ dag_run.conf | tojson }}",
    "{{ macros.ds_add(ds, 5) }} {{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}",
    "{% for k, v in params.items() %}{{ k }}={{ v }};{% endfor %}",
    "{{ task_instance_key_str }} {{ ti.try_number }}",
  ];

  it("gives the same output for the same templates", async () => {
    const renderer = createWarmTemplateRenderer();
    try {
      for (const t of templates) expect(await renderer.render({ t }, context)).toEqual(await renderFields({ t }, context));
    } finally {
      renderer.dispose();
    }
  });

  it("keeps nothing from one render to the next", async () => {
    const renderer = createWarmTemplateRenderer();
    try {
      await renderer.render({ t: "{% set params = 1 %}{% set leaked = 'x' %}{{ params }}" }, context);
      expect(await renderer.render({ t: "{{ params.name }} {{ leaked is defined }}" }, context)).toEqual({ t: "bob False" });
    } finally {
      renderer.dispose();
    }
  });

  it("reports template errors and limits, then keeps working", async () => {
    const renderer = createWarmTemplateRenderer();
    try {
      await expect(renderer.render({ t: "{{ nope }}" }, context)).rejects.toThrow("'nope' is undefined");
      await expect(renderer.render({ t: "{{ ''.constructor }}" }, context)).rejects.toThrow(TemplateRenderError);
      const loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}";
      await expect(renderer.render({ t: loop }, context, { timeoutMs: 200 })).rejects.toThrow(/time limit of 200 ms/);
      expect(await renderer.render({ t: "{{ ds }}" }, context)).toEqual({ t: "2024-03-01" });
    } finally {
      renderer.dispose();
    }
  });
});
