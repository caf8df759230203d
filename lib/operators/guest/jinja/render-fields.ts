// Renders a task's templated fields the way Airflow's render_template does: strings are
// templates, lists and dicts are rendered value by value (keys are not), other values pass.
import { MACROS } from "./macros";
import { renderTemplate } from "./render-template";
import { hasTemplateSyntax, stripTrailingNewline } from "./strip-newline";
import { Callable, isPlainObject, PyDateTime, TemplateError } from "./values";

export type TemplateContextData = Record<string, unknown>;

/** Converts `{ "$datetime": iso }` markers from the host into DateTime values. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$datetime" && typeof value.$datetime === "string") return PyDateTime.parse(value.$datetime);
    const out: Record<string, unknown> = {};
    for (const k of keys) Object.defineProperty(out, k, { value: revive(value[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

export function templateGlobals(context: TemplateContextData): Record<string, unknown> {
  const globals = revive(context) as Record<string, unknown>;
  globals.macros = MACROS;
  globals.range = new Callable("range", (a) => {
    const [start, stop, step] = a.length === 1 ? [0, Number(a[0]), 1] : [Number(a[0]), Number(a[1]), a[2] === undefined ? 1 : Number(a[2])];
    if (step === 0) throw new TemplateError("range() arg 3 must not be zero");
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
      out.push(i);
      if (out.length > 100_000) throw new TemplateError("range() is limited to 100000 items in templates");
    }
    return out;
  });
  return globals;
}

export class FieldRenderError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function renderValue(value: unknown, globals: Record<string, unknown>, path: string): unknown {
  if (typeof value === "string") {
    if (!hasTemplateSyntax(value)) return stripTrailingNewline(value);
    try {
      return renderTemplate(value, globals);
    } catch (error) {
      if (error instanceof TemplateError) throw new FieldRenderError(path, error.message);
      if (error instanceof RangeError || (error as Error)?.name === "InternalError") throw error;
      throw new FieldRenderError(path, String((error as Error)?.message ?? error));
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => renderValue(v, globals, `${path}[${i}]`));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      Object.defineProperty(out, k, { value: renderValue(value[k], globals, path ? `${path}.${k}` : k), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

