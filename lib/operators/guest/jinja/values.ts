// Python-like values for the Jinja renderer that runs inside the sandbox. Templates see
// JSON data, PyDateTime instances and the callables defined here; nothing else.

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

/** Jinja's StrictUndefined (Airflow's default): any use except `default` / `is defined` fails. */
export class Undefined {
  constructor(readonly hint: string) {}
  fail(): never {
    throw new TemplateError(this.hint);
  }
}

/** Python's tuple: an array that prints with parentheses (dict.items() gives these). */
export class PyTuple extends Array<unknown> {
  static of2(a: unknown, b: unknown): PyTuple {
    const t = new PyTuple();
    t.push(a, b);
    return t;
  }
}

/** A function templates may call: macros, whitelisted methods, `range`. */
export class Callable {
  constructor(
    readonly name: string,
    readonly fn: (args: unknown[], kwargs: Record<string, unknown>) => unknown,
  ) {}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function typeName(value: unknown): string {
  if (value === null) return "NoneType";
  if (value instanceof Undefined) return "Undefined";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (value instanceof PyTuple) return "tuple";
  if (Array.isArray(value)) return "list";
  if (value instanceof PyDateTime) return "DateTime";
  if (value instanceof Callable) return "function";
  if (isPlainObject(value)) return "dict";
  return "object";
}

export function truthy(value: unknown): boolean {
  if (value instanceof Undefined) value.fail();
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

export function pyEquals(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.epochMs === b.epochMs;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && pyEquals(a[k], b[k]));
  }
  return a === b;
}

/** Python's str(): what `{{ value }}` prints. */
export function pyStr(value: unknown): string {
  if (value instanceof Undefined) value.fail();
  if (typeof value === "string") return value;
  return pyRepr(value);
}

/** Python's repr(), used inside lists and dicts. */
export function pyRepr(value: unknown): string {
  if (value instanceof Undefined) value.fail();
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return pyStringRepr(value);
  if (value instanceof PyTuple) return value.length === 1 ? `(${pyRepr(value[0])},)` : `(${value.map(pyRepr).join(", ")})`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (value instanceof PyDateTime) return value.toString();
  if (value instanceof Callable) return `<function ${value.name}>`;
  if (isPlainObject(value)) return `{${Object.keys(value).map((k) => `${pyStringRepr(k)}: ${pyRepr(value[k])}`).join(", ")}}`;
  return String(value);
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  return String(n);
}

function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return out + quote;
}

/** Python's json.dumps(value, sort_keys=True) with its default separators and ensure_ascii. */
export function pyJsonDumps(value: unknown, sortKeys: boolean, indent?: number): string {
  const walk = (v: unknown, depth: number): string => {
    if (v instanceof Undefined) v.fail();
    if (v === null || v === undefined) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "number") {
      if (Number.isNaN(v)) return "NaN";
      if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
      return String(v);
    }
    if (typeof v === "string") return jsonString(v);
    const pad = indent === undefined ? "" : "\n" + " ".repeat(indent * (depth + 1));
    const end = indent === undefined ? "" : "\n" + " ".repeat(indent * depth);
    const sep = indent === undefined ? ", " : ",";
    if (Array.isArray(v)) return v.length === 0 ? "[]" : `[${pad}${v.map((x) => walk(x, depth + 1)).join(sep + pad)}${end}]`;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (sortKeys) keys.sort();
      if (keys.length === 0) return "{}";
      return `{${pad}${keys.map((k) => `${jsonString(k)}: ${walk(v[k], depth + 1)}`).join(sep + pad)}${end}}`;
    }
    throw new TemplateError(`Object of type ${typeName(v)} is not JSON serializable`);
  };
  return walk(value, 0);
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** A UTC instant that behaves like the pendulum DateTime Airflow puts in its context. */
export class PyDateTime {
  constructor(
    readonly epochMs: number,
    readonly micros = 0,
  ) {}

  static parse(iso: string): PyDateTime {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
    if (!m) throw new TemplateError(`not a date or datetime: ${pyRepr(iso)}`);
    const frac = (m[7] ?? "").padEnd(6, "0");
    let ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (m[8] && m[8] !== "Z") {
      const sign = m[8][0] === "-" ? -1 : 1;
      const digits = m[8].slice(1).replace(":", "");
      ms -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4)) * 60_000;
    }
    return new PyDateTime(ms, +frac);
  }

  private get d(): Date {
    return new Date(this.epochMs);
  }
  get year() { return this.d.getUTCFullYear(); }
  get month() { return this.d.getUTCMonth() + 1; }
  get day() { return this.d.getUTCDate(); }
  get hour() { return this.d.getUTCHours(); }
  get minute() { return this.d.getUTCMinutes(); }
  get second() { return this.d.getUTCSeconds(); }
  get microsecond() { return this.micros; }

  isoformat(sep = "T"): string {
    const p = (n: number, w = 2) => String(n).padStart(w, "0");
    const frac = this.micros ? "." + p(this.micros, 6) : "";
    return `${p(this.year, 4)}-${p(this.month)}-${p(this.day)}${sep}${p(this.hour)}:${p(this.minute)}:${p(this.second)}${frac}+00:00`;
  }

  /** pendulum 3's str(): ISO with a space. */
  toString(): string {
    return this.isoformat(" ");
  }

  strftime(format: string): string {
    return strftime(this, format);
  }

  attribute(name: string): unknown {
    switch (name) {
      case "year": case "month": case "day": case "hour": case "minute": case "second": case "microsecond":
        return this[name];
      case "isoformat":
        return new Callable("isoformat", (a) => this.isoformat(a[0] === undefined ? "T" : String(a[0])));
      case "strftime":
        return new Callable("strftime", (a) => this.strftime(String(a[0])));
      case "timestamp":
        return new Callable("timestamp", () => this.epochMs / 1000 + this.micros / 1e6);
      case "to_date_string":
        return new Callable("to_date_string", () => this.isoformat().slice(0, 10));
      case "to_datetime_string":
        return new Callable("to_datetime_string", () => this.isoformat(" ").slice(0, 19));
      case "to_iso8601_string":
        return new Callable("to_iso8601_string", () => this.isoformat().replace("+00:00", "Z"));
      case "date":
        return new Callable("date", () => this.isoformat().slice(0, 10));
      default:
        return new Undefined(`'DateTime object' has no attribute '${name}'`);
    }
  }

  weekdayIndex(): number {
    return (this.d.getUTCDay() + 6) % 7;
  }
}

function strftime(dt: PyDateTime, format: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const dayOfYear = Math.floor((dt.epochMs - Date.UTC(dt.year, 0, 1)) / 86_400_000) + 1;
  return format.replace(/%(.)/g, (whole, code: string) => {
    switch (code) {
      case "Y": return p(dt.year, 4);
      case "y": return p(dt.year % 100);
      case "m": return p(dt.month);
      case "d": return p(dt.day);
      case "H": return p(dt.hour);
      case "I": return p(((dt.hour + 11) % 12) + 1);
      case "p": return dt.hour < 12 ? "AM" : "PM";
      case "M": return p(dt.minute);
      case "S": return p(dt.second);
      case "f": return p(dt.micros, 6);
      case "z": return "+0000";
      case "Z": return "UTC";
      case "j": return p(dayOfYear, 3);
      case "a": return DAYS[dt.weekdayIndex()].slice(0, 3);
      case "A": return DAYS[dt.weekdayIndex()];
      case "w": return String((dt.weekdayIndex() + 1) % 7);
      case "u": return String(dt.weekdayIndex() + 1);
      case "b": return MONTHS[dt.month - 1].slice(0, 3);
      case "B": return MONTHS[dt.month - 1];
      case "%": return "%";
      default: return whole;
    }
  });
}

/** Python's datetime.strptime for the common numeric and name directives. */
export function strptime(text: string, format: string): PyDateTime {
  const parts = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0, pm: -1, offsetMin: 0 };
  let pos = 0;
  const fail = (): never => {
    throw new TemplateError(`time data ${pyRepr(text)} does not match format ${pyRepr(format)}`);
  };
  const num = (maxLen: number): number => {
    const m = new RegExp(`^\\d{1,${maxLen}}`).exec(text.slice(pos));
    if (!m) fail();
    pos += m![0].length;
    return +m![0];
  };
  const name = (names: string[], len?: number): number => {
    const rest = text.slice(pos).toLowerCase();
    for (let i = 0; i < names.length; i++) {
      const n = (len ? names[i].slice(0, len) : names[i]).toLowerCase();
      if (rest.startsWith(n)) {
        pos += n.length;
        return i;
      }
    }
    return fail();
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== "%") {
      if (text[pos] !== ch) fail();
      pos++;
      continue;
    }
    const code = format[++i];
    switch (code) {
      case "Y": parts.Y = num(4); break;
      case "y": { const y = num(2); parts.Y = y < 69 ? 2000 + y : 1900 + y; break; }
      case "m": parts.m = num(2); break;
      case "d": parts.d = num(2); break;
      case "H": parts.H = num(2); break;
      case "I": parts.H = num(2) % 12; break;
      case "p": parts.pm = name(["AM", "PM"]); break;
      case "M": parts.M = num(2); break;
      case "S": parts.S = num(2); break;
      case "f": { const start = pos; num(6); parts.f = +text.slice(start, pos).padEnd(6, "0"); break; }
      case "j": num(3); break;
      case "b": parts.m = name(MONTHS, 3) + 1; break;
      case "B": parts.m = name(MONTHS) + 1; break;
      case "a": name(DAYS, 3); break;
      case "A": name(DAYS); break;
      case "z": {
        const m = /^([+-])(\d{2}):?(\d{2})|^Z/.exec(text.slice(pos));
        if (!m) fail();
        pos += m![0].length;
        if (m![1]) parts.offsetMin = (m![1] === "-" ? -1 : 1) * (+m![2] * 60 + +m![3]);
        break;
      }
      case "%": if (text[pos] !== "%") fail(); pos++; break;
      default: throw new TemplateError(`unsupported strptime directive %${code}`);
    }
  }
  if (pos !== text.length) throw new TemplateError(`unconverted data remains: ${text.slice(pos)}`);
  if (parts.pm === 1) parts.H += 12;
  if (parts.m < 1 || parts.m > 12 || parts.d < 1 || parts.d > 31 || parts.H > 23 || parts.M > 59 || parts.S > 61) fail();
  const ms = Date.UTC(parts.Y, parts.m - 1, parts.d, parts.H, parts.M, parts.S) - parts.offsetMin * 60_000;
  if (new Date(ms + parts.offsetMin * 60_000).getUTCDate() !== parts.d) throw new TemplateError("day is out of range for month");
  return new PyDateTime(ms, parts.f);
}
