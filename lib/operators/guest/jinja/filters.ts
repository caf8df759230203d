// Jinja's built-in filters Airflow users reach for, plus Airflow's own date filters.
import { Callable, isPlainObject, PyTuple, PyDateTime, pyEquals, pyJsonDumps, pyStr, TemplateError, truthy, typeName, Undefined } from "./values";

/** Attribute lookup as templates do it (own data only); set by render-template.ts to avoid an import cycle. */
let getAttribute: (obj: unknown, name: string) => unknown = () => new Undefined("attribute lookup is not ready");
export function useAttributeLookup(fn: (obj: unknown, name: string) => unknown) {
  getAttribute = fn;
}

type Filter = (value: unknown, args: unknown[], kw: Record<string, unknown>) => unknown;

function defined(v: unknown): unknown {
  if (v instanceof Undefined) v.fail();
  return v;
}

function str(v: unknown): string {
  return pyStr(defined(v));
}

function list(v: unknown): unknown[] {
  defined(v);
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return Array.from(v);
  if (isPlainObject(v)) return Object.keys(v);
  throw new TemplateError(`'${typeName(v)}' object is not iterable`);
}

function asDateTime(v: unknown, filter: string): PyDateTime {
  defined(v);
  if (v instanceof PyDateTime) return v;
  if (typeof v === "string") return PyDateTime.parse(v);
  if (v === null) throw new TemplateError(`the '${filter}' filter got None (is the logical date unset?)`);
  throw new TemplateError(`the '${filter}' filter needs a datetime, got '${typeName(v)}'`);
}

function compareKey(v: unknown): number | string {
  if (v instanceof Undefined) v.fail();
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyDateTime) return v.epochMs;
  throw new TemplateError(`cannot order values of type '${typeName(v)}'`);
}

const arg = (args: unknown[], kw: Record<string, unknown>, i: number, name: string, dflt: unknown) =>
  args.length > i ? args[i] : name in kw ? kw[name] : dflt;

const defaultFilter: Filter = (v, a, kw) => {
  const fallback = arg(a, kw, 0, "default_value", "");
  const boolean = truthy(arg(a, kw, 1, "boolean", false));
  if (v instanceof Undefined || (boolean && !truthy(v))) return fallback;
  return v;
};

const toInt: Filter = (v, a, kw) => {
  const fallback = arg(a, kw, 0, "default", 0);
  defined(v);
  if (typeof v === "number") return Math.trunc(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const base = Number(arg(a, kw, 1, "base", 10));
    const s = v.trim().replace(/_/g, "");
    const n = base === 10 ? Number(s) : parseInt(s, base);
    return Number.isFinite(n) ? Math.trunc(n) : fallback;
  }
  return fallback;
};

const toFloat: Filter = (v, a, kw) => {
  defined(v);
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v.trim()) : NaN;
  return Number.isNaN(n) ? arg(a, kw, 0, "default", 0) : n;
};

export const FILTERS: Record<string, Filter> = {
  default: defaultFilter,
  d: defaultFilter,
  tojson: (v, a, kw) => {
    const indent = arg(a, kw, 0, "indent", undefined);
    return pyJsonDumps(defined(v), true, indent == null ? undefined : Number(indent))
      .replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/'/g, "\\u0027");
  },
  upper: (v) => str(v).toUpperCase(),
  lower: (v) => str(v).toLowerCase(),
  capitalize: (v) => { const s = str(v); return s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s; },
  title: (v) => str(v).replace(/[A-Za-z0-9]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
  trim: (v, a) => { const s = str(v); if (a[0] == null) return s.trim(); const c = String(a[0]); let i = 0, j = s.length; while (i < j && c.includes(s[i])) i++; while (j > i && c.includes(s[j - 1])) j--; return s.slice(i, j); },
  length: (v) => list(v).length,
  count: (v) => list(v).length,
  string: (v) => str(v),
  int: toInt,
  float: toFloat,
  abs: (v) => Math.abs(Number(defined(v))),
  round: (v, a, kw) => {
    const precision = Number(arg(a, kw, 0, "precision", 0));
    const method = String(arg(a, kw, 1, "method", "common"));
    const f = 10 ** precision;
    const x = Number(defined(v)) * f;
    const r = method === "ceil" ? Math.ceil(x) : method === "floor" ? Math.floor(x) : Math.sign(x) * Math.round(Math.abs(x));
    return r / f;
  },
  join: (v, a, kw) => {
    const sep = String(arg(a, kw, 0, "d", ""));
    const attribute = arg(a, kw, 1, "attribute", undefined);
    return list(v).map((x) => str(attribute == null ? x : getAttribute(x, String(attribute)))).join(sep);
  },
  replace: (v, a) => {
    const s = str(v);
    const old = str(a[0]);
    const rep = str(a[1]);
    const count = a[2] == null ? -1 : Number(a[2]);
    if (count < 0) return s.split(old).join(rep);
    let out = s;
    let from = 0;
    for (let i = 0; i < count; i++) {
      const at = out.indexOf(old, from);
      if (at < 0) break;
      out = out.slice(0, at) + rep + out.slice(at + old.length);
      from = at + rep.length;
    }
    return out;
  },
  first: (v) => { const l = list(v); return l.length ? l[0] : new Undefined("No first item, sequence was empty."); },
  last: (v) => { const l = list(v); return l.length ? l[l.length - 1] : new Undefined("No last item, sequence was empty."); },
  list: (v) => [...list(v)],
  reverse: (v) => (typeof v === "string" ? Array.from(v).reverse().join("") : [...list(v)].reverse()),
  sort: (v, a, kw) => {
    const reverse = truthy(arg(a, kw, 0, "reverse", false));
    const attribute = arg(a, kw, 2, "attribute", undefined);
    const key = (x: unknown) => compareKey(attribute == null ? x : getAttribute(x, String(attribute)));
    const sorted = [...list(v)].sort((x, y) => { const kx = key(x), ky = key(y); return kx < ky ? -1 : kx > ky ? 1 : 0; });
    return reverse ? sorted.reverse() : sorted;
  },
  unique: (v) => { const out: unknown[] = []; for (const x of list(v)) if (!out.some((y) => pyEquals(x, y))) out.push(x); return out; },
  min: (v) => { const l = list(v); return l.length ? l.reduce((m, x) => (compareKey(x) < compareKey(m) ? x : m)) : new Undefined("No aggregated item, sequence was empty."); },
  max: (v) => { const l = list(v); return l.length ? l.reduce((m, x) => (compareKey(x) > compareKey(m) ? x : m)) : new Undefined("No aggregated item, sequence was empty."); },
  sum: (v, a, kw) => list(v).reduce<number>((s, x) => s + Number(x), Number(arg(a, kw, 1, "start", 0))),
  items: (v) => { if (v instanceof Undefined) return []; if (!isPlainObject(v)) throw new TemplateError(`items filter needs a mapping, got '${typeName(v)}'`); return Object.keys(v).map((k) => PyTuple.of2(k, v[k])); },
  dictsort: (v) => { if (!isPlainObject(v)) throw new TemplateError(`dictsort filter needs a mapping, got '${typeName(v)}'`); return Object.keys(v).sort().map((k) => PyTuple.of2(k, v[k])); },
  map: (v, a, kw) => {
    const attribute = kw.attribute;
    if (attribute != null) return list(v).map((x) => getAttribute(x, String(attribute)));
    const name = String(a[0]);
    const f = Object.prototype.hasOwnProperty.call(FILTERS, name) ? FILTERS[name] : undefined;
    if (!f) throw new TemplateError(`No filter named '${name}'.`);
    return list(v).map((x) => f(x, a.slice(1), {}));
  },
  urlencode: (v) => (isPlainObject(v) ? Object.keys(v).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(str(v[k]))}`).join("&") : encodeURIComponent(str(v)).replace(/%2F/g, "/")),
  truncate: (v, a, kw) => {
    const s = str(v);
    const length = Number(arg(a, kw, 0, "length", 255));
    const end = String(arg(a, kw, 2, "end", "..."));
    return s.length <= length ? s : s.slice(0, Math.max(0, length - end.length)) + end;
  },
  indent: (v, a) => { const pad = " ".repeat(Number(a[0] ?? 4)); return str(v).split("\n").map((l, i) => (i === 0 || !l ? l : pad + l)).join("\n"); },
  wordcount: (v) => str(v).split(/\s+/).filter(Boolean).length,
  center: (v, a) => { const s = str(v); const w = Number(a[0] ?? 80); const total = Math.max(0, w - s.length); const left = Math.floor(total / 2); return " ".repeat(left) + s + " ".repeat(total - left); },
  // Airflow's own filters
  ds: (v) => asDateTime(v, "ds").strftime("%Y-%m-%d"),
  ds_nodash: (v) => asDateTime(v, "ds_nodash").strftime("%Y%m%d"),
  ts: (v) => asDateTime(v, "ts").isoformat(),
  ts_nodash: (v) => asDateTime(v, "ts_nodash").strftime("%Y%m%dT%H%M%S"),
  ts_nodash_with_tz: (v) => asDateTime(v, "ts_nodash_with_tz").isoformat().replace(/[-:]/g, ""),
};

export function callableFilter(name: string): Callable {
  return new Callable(name, (a, kw) => FILTERS[name](a[0], a.slice(1), kw));
}
