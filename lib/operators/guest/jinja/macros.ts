// Airflow's `macros` namespace, as far as it makes sense without Python modules.
import { Callable, PyDateTime, pyJsonDumps, strptime as strptimeLocal, TemplateError, Undefined } from "./values";

function dsString(v: unknown, name: string): string {
  if (v instanceof Undefined) v.fail();
  if (v instanceof PyDateTime) return v.strftime("%Y-%m-%d");
  if (typeof v !== "string") throw new TemplateError(`macros.${name} needs a date string like '2015-01-01'`);
  return v;
}

export const MACROS: Record<string, unknown> = {
  ds_add: new Callable("ds_add", ([ds, days]) => {
    const start = PyDateTime.parse(dsString(ds, "ds_add"));
    if (typeof days !== "number" || !Number.isInteger(days)) throw new TemplateError("macros.ds_add needs a whole number of days");
    if (days === 0) return dsString(ds, "ds_add");
    return new PyDateTime(start.epochMs + days * 86_400_000).strftime("%Y-%m-%d");
  }),
  ds_format: new Callable("ds_format", ([ds, inputFormat, outputFormat]) => {
    return strptimeLocal(dsString(ds, "ds_format"), String(inputFormat)).strftime(String(outputFormat));
  }),
  json: {
    dumps: new Callable("json.dumps", ([v], kw) => pyJsonDumps(v, kw.sort_keys === true, kw.indent == null ? undefined : Number(kw.indent))),
    loads: new Callable("json.loads", ([s]) => {
      try {
        return JSON.parse(String(s));
      } catch (e) {
        throw new TemplateError(`macros.json.loads: ${(e as Error).message}`);
      }
    }),
  },
};
