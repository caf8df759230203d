// Runs INSIDE the QuickJS sandbox: renders templated fields given as data.
import { FieldRenderError, renderValue, templateGlobals, type TemplateContextData } from "./jinja/render-fields";

/* eslint-disable @typescript-eslint/no-explicit-any */
const g = globalThis as any;

/** Input `{ context, fields }`; answers `{ kind: "ok", value }` or `{ kind: "template_error", field, message }`. */
g.__windsock_render = (_ns: unknown, inputJson: string): string => {
  const input = JSON.parse(inputJson) as { context: TemplateContextData; fields: Record<string, unknown> };
  try {
    const globals = templateGlobals(input.context);
    const value: Record<string, unknown> = {};
    for (const name of Object.keys(input.fields)) value[name] = renderValue(input.fields[name], globals, name);
    return JSON.stringify({ kind: "ok", value });
  } catch (error) {
    if (error instanceof FieldRenderError) return JSON.stringify({ kind: "template_error", field: error.field, message: error.message });
    throw error;
  }
};
