// Evaluates parsed templates against context data. Attribute access reaches only own
// properties of plain data and the whitelisted methods below, so a template cannot walk
// to constructors or prototypes (and even then it would be inside the sandbox).
import { parseTemplate, type Expr, type Node } from "./parse-template";
import { FILTERS, useAttributeLookup } from "./filters";
import { stripTrailingNewline } from "./strip-newline";
import { Callable, hasOwn, PyTuple, isPlainObject, PyDateTime, pyEquals, pyStr, TemplateError, truthy, typeName, Undefined } from "./values";

type Scope = Map<string, unknown>[];

const MAX_OUTPUT = 16 * 1024 * 1024;

export function renderTemplate(source: string, globals: Record<string, unknown>): string {
  const nodes = parseTemplate(stripTrailingNewline(source));
  const scope: Scope = [new Map(Object.entries(globals))];
  const out: string[] = [];
  renderNodes(nodes, scope, out);
  return out.join("");
}

function renderNodes(nodes: Node[], scope: Scope, out: string[]) {
  for (const node of nodes) {
    switch (node.t) {
      case "text":
        out.push(node.v);
        break;
      case "out":
        out.push(pyStr(evaluate(node.e, scope)));
        break;
      case "set":
        scope[scope.length - 1].set(node.target, evaluate(node.e, scope));
        break;
      case "if": {
        const branch = node.branches.find((b) => truthy(evaluate(b.c, scope)));
        renderNodes(branch ? branch.body : node.else, scope, out);
        break;
      }
      case "for": {
        const items = iterate(evaluate(node.iter, scope));
        if (items.length === 0) {
          renderNodes(node.else, scope, out);
          break;
        }
        items.forEach((item, index) => {
          const frame = new Map<string, unknown>();
          if (node.targets.length === 1) frame.set(node.targets[0], item);
          else {
            const parts = iterate(item);
            if (parts.length !== node.targets.length) throw new TemplateError(`cannot unpack ${parts.length} values into ${node.targets.length} names (line ${node.line})`);
            node.targets.forEach((t, i) => frame.set(t, parts[i]));
          }
          frame.set("loop", {
            index: index + 1, index0: index, revindex: items.length - index, revindex0: items.length - index - 1,
            first: index === 0, last: index === items.length - 1, length: items.length,
          });
          scope.push(frame);
          try {
            renderNodes(node.body, scope, out);
          } finally {
            scope.pop();
          }
        });
        break;
      }
    }
    if (out.length > 1000 || (out.length > 0 && out[out.length - 1].length > 65536)) {
      const joined = out.join("");
      if (joined.length > MAX_OUTPUT) throw new TemplateError("the rendered template is larger than 16 MiB");
      out.length = 0;
      out.push(joined);
    }
  }
}

export function iterate(value: unknown): unknown[] {
  if (value instanceof Undefined) value.fail();
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return Array.from(value);
  if (isPlainObject(value)) return Object.keys(value);
  throw new TemplateError(`'${typeName(value)}' object is not iterable`);
}

function lookup(name: string, scope: Scope): unknown {
  for (let i = scope.length - 1; i >= 0; i--) if (scope[i].has(name)) return scope[i].get(name);
  return new Undefined(`'${name}' is undefined`);
}

const STRING_METHODS: Record<string, (s: string, a: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s, a) => (a[0] == null ? s.trim() : stripChars(s, String(a[0]), true, true)),
  lstrip: (s, a) => (a[0] == null ? s.replace(/^\s+/, "") : stripChars(s, String(a[0]), true, false)),
  rstrip: (s, a) => (a[0] == null ? s.replace(/\s+$/, "") : stripChars(s, String(a[0]), false, true)),
  split: (s, a) => (a[0] == null ? s.split(/\s+/).filter(Boolean) : s.split(String(a[0]))),
  replace: (s, a) => s.split(String(a[0])).join(String(a[1])),
  startswith: (s, a) => s.startsWith(String(a[0])),
  endswith: (s, a) => s.endsWith(String(a[0])),
  title: (s) => s.replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
  capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
  join: (s, a) => iterate(a[0]).map(pyStr).join(s),
  zfill: (s, a) => s.padStart(Number(a[0]), "0"),
  format: (s, a) => {
    let n = 0;
    return s.replace(/\{(\d*)\}/g, (_, i: string) => pyStr(a[i === "" ? n++ : Number(i)]));
  },
};

function stripChars(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  while (left && a < b && chars.includes(s[a])) a++;
  while (right && b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

const DICT_METHODS: Record<string, (d: Record<string, unknown>, a: unknown[]) => unknown> = {
  items: (d) => Object.keys(d).map((k) => PyTuple.of2(k, d[k])),
  keys: (d) => Object.keys(d),
  values: (d) => Object.keys(d).map((k) => d[k]),
  get: (d, a) => (hasOwn(d, String(a[0])) ? d[String(a[0])] : a[1] === undefined ? null : a[1]),
};

export function getAttribute(obj: unknown, name: string): unknown {
  if (obj instanceof Undefined) obj.fail();
  if (obj instanceof PyDateTime) return obj.attribute(name);
  if (typeof obj === "string" && hasOwn(STRING_METHODS, name)) return new Callable(name, (a) => STRING_METHODS[name](obj, a));
  if (isPlainObject(obj)) {
    if (hasOwn(DICT_METHODS, name)) return new Callable(name, (a) => DICT_METHODS[name](obj, a));
    if (hasOwn(obj, name)) return obj[name];
  }
  return new Undefined(`'${typeName(obj)} object' has no attribute '${name}'`);
}

useAttributeLookup(getAttribute);

export function getItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Undefined) obj.fail();
  if (key instanceof Undefined) key.fail();
  if ((Array.isArray(obj) || typeof obj === "string") && typeof key === "number" && Number.isInteger(key)) {
    const i = key < 0 ? obj.length + key : key;
    if (i >= 0 && i < obj.length) return obj[i];
    return new Undefined(`${typeName(obj)} index out of range`);
  }
  if (isPlainObject(obj) && typeof key === "string") {
    if (hasOwn(obj, key)) return obj[key];
    return getAttribute(obj, key);
  }
  if (typeof key === "string") return getAttribute(obj, key);
  return new Undefined(`'${typeName(obj)} object' has no element ${pyStr(key)}`);
}

function evaluate(e: Expr, scope: Scope): unknown {
  switch (e.t) {
    case "lit":
      return e.v;
    case "name":
      return lookup(e.n, scope);
    case "attr":
      return getAttribute(evaluate(e.o, scope), e.n);
    case "item":
      return getItem(evaluate(e.o, scope), evaluate(e.k, scope));
    case "slice": {
      const o = evaluate(e.o, scope);
      if (!Array.isArray(o) && typeof o !== "string") throw new TemplateError(`'${typeName(o)}' object is not subscriptable`);
      const a = e.a ? Number(evaluate(e.a, scope)) : undefined;
      const b = e.b ? Number(evaluate(e.b, scope)) : undefined;
      return o.slice(a, b);
    }
    case "list":
      return e.items.map((x) => evaluate(x, scope));
    case "dict": {
      const d: Record<string, unknown> = {};
      for (const [k, v] of e.items) {
        const key = evaluate(k, scope);
        Object.defineProperty(d, pyStr(key), { value: evaluate(v, scope), enumerable: true, writable: true, configurable: true });
      }
      return d;
    }
    case "call": {
      const f = evaluate(e.f, scope);
      if (f instanceof Undefined) f.fail();
      if (!(f instanceof Callable)) throw new TemplateError(`'${typeName(f)}' object is not callable`);
      const args = e.args.map((x) => evaluate(x, scope));
      const kw: Record<string, unknown> = {};
      for (const [k, v] of e.kw) kw[k] = evaluate(v, scope);
      return f.fn(args, kw);
    }
    case "filter": {
      const filter = hasOwn(FILTERS, e.n) ? FILTERS[e.n] : undefined;
      if (!filter) throw new TemplateError(`No filter named '${e.n}'.`);
      const args = e.args.map((x) => evaluate(x, scope));
      const kw: Record<string, unknown> = {};
      for (const [k, v] of e.kw) kw[k] = evaluate(v, scope);
      return filter(evaluate(e.v, scope), args, kw);
    }
    case "test": {
      const r = runTest(e.n, evaluate(e.v, scope), e.args.map((x) => evaluate(x, scope)));
      return e.neg ? !r : r;
    }
    case "un": {
      const a = evaluate(e.a, scope);
      if (e.op === "not") return !truthy(a);
      return -num(a, "-");
    }
    case "cond":
      if (truthy(evaluate(e.c, scope))) return evaluate(e.a, scope);
      return e.b ? evaluate(e.b, scope) : new Undefined("the inline if-expression evaluated to false and no else section was defined");
    case "bin":
      return binary(e.op, e, scope);
  }
}

function binary(op: string, e: Extract<Expr, { t: "bin" }>, scope: Scope): unknown {
  if (op === "and") {
    const a = evaluate(e.a, scope);
    return truthy(a) ? evaluate(e.b, scope) : a;
  }
  if (op === "or") {
    const a = evaluate(e.a, scope);
    return truthy(a) ? a : evaluate(e.b, scope);
  }
  const a = evaluate(e.a, scope);
  const b = evaluate(e.b, scope);
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  switch (op) {
    case "~": return pyStr(a) + pyStr(b);
    case "==": return pyEquals(a, b);
    case "!=": return !pyEquals(a, b);
    case "in":
      if (typeof b === "string") return b.includes(String(a));
      if (Array.isArray(b)) return b.some((x) => pyEquals(x, a));
      if (isPlainObject(b)) return typeof a === "string" && hasOwn(b, a);
      throw new TemplateError(`argument of type '${typeName(b)}' is not iterable`);
    case "<": case ">": case "<=": case ">=": {
      const [x, y] = comparable(a, b, op);
      return op === "<" ? x < y : op === ">" ? x > y : op === "<=" ? x <= y : x >= y;
    }
    case "+":
      if (typeof a === "string" && typeof b === "string") return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      return num(a, op) + num(b, op);
    case "-": return num(a, op) - num(b, op);
    case "*":
      if (typeof a === "string" && typeof b === "number") return a.repeat(Math.max(0, Math.min(b, MAX_OUTPUT / Math.max(1, a.length))));
      return num(a, op) * num(b, op);
    case "/": {
      const d = num(b, op);
      if (d === 0) throw new TemplateError("division by zero");
      return num(a, op) / d;
    }
    case "//": {
      const d = num(b, op);
      if (d === 0) throw new TemplateError("integer division or modulo by zero");
      return Math.floor(num(a, op) / d);
    }
    case "%": {
      const d = num(b, op);
      if (d === 0) throw new TemplateError("integer division or modulo by zero");
      const x = num(a, op);
      return ((x % d) + d) % d;
    }
    case "**": return num(a, op) ** num(b, op);
  }
  throw new TemplateError(`unknown operator ${op}`);
}

function comparable(a: unknown, b: unknown, op: string): [number | string, number | string] {
  if (a instanceof PyDateTime && b instanceof PyDateTime) return [a.epochMs, b.epochMs];
  if (typeof a === "number" && typeof b === "number") return [a, b];
  if (typeof a === "string" && typeof b === "string") return [a, b];
  throw new TemplateError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function num(v: unknown, op: string): number {
  if (v instanceof Undefined) v.fail();
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new TemplateError(`unsupported operand type for ${op}: '${typeName(v)}'`);
}

function runTest(name: string, v: unknown, args: unknown[]): boolean {
  switch (name) {
    case "defined": return !(v instanceof Undefined);
    case "undefined": return v instanceof Undefined;
    case "none": return v === null;
    case "string": return typeof v === "string";
    case "number": return typeof v === "number";
    case "integer": return typeof v === "number" && Number.isInteger(v);
    case "float": return typeof v === "number" && !Number.isInteger(v);
    case "boolean": return typeof v === "boolean";
    case "mapping": return isPlainObject(v);
    case "sequence": case "iterable": return Array.isArray(v) || typeof v === "string" || isPlainObject(v);
    case "true": return v === true;
    case "false": return v === false;
    case "even": return num(v, "even") % 2 === 0;
    case "odd": return Math.abs(num(v, "odd") % 2) === 1;
    case "divisibleby": return num(v, "divisibleby") % num(args[0], "divisibleby") === 0;
    case "eq": case "equalto": case "==": return pyEquals(v, args[0]);
    case "ne": case "!=": return !pyEquals(v, args[0]);
    case "in": return binaryIn(v, args[0]);
    case "lower": return typeof v === "string" && v === v.toLowerCase();
    case "upper": return typeof v === "string" && v === v.toUpperCase();
    default: throw new TemplateError(`No test named '${name}'.`);
  }
}

function binaryIn(a: unknown, b: unknown): boolean {
  if (typeof b === "string") return b.includes(String(a));
  if (Array.isArray(b)) return b.some((x) => pyEquals(x, a));
  if (isPlainObject(b)) return typeof a === "string" && hasOwn(b, a);
  return false;
}
