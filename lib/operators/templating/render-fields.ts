// Host side of templating: fields go into the sandbox as data and come back rendered.
// Fields without template syntax skip the sandbox (Jinja would only drop a trailing newline).
import { hasTemplateSyntax, stripTrailingNewline } from "../guest/jinja/strip-newline";
import { guestBundle } from "../sandbox/guest-bundle";
import { runInSandbox } from "../sandbox/run-in-sandbox";
import type { SandboxLimits } from "../sandbox/sandbox-limits";
import type { TemplateContextData } from "./template-context";

export class TemplateRenderError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`cannot render the template in field '${field}': ${detail}`);
    this.name = "TemplateRenderError";
  }
}

/** Something that renders templated fields in the sandbox (see warm-template-renderer.ts). */
export interface FieldRenderer {
  render<T extends Record<string, unknown>>(fields: T, context: TemplateContextData, limits?: Partial<SandboxLimits>): Promise<T>;
}

/** Renders in a fresh sandbox runtime, or with `renderer` when one is given. */
export async function renderFields<T extends Record<string, unknown>>(
  fields: T,
  context: TemplateContextData,
  limits?: Partial<SandboxLimits>,
  renderer?: FieldRenderer,
): Promise<T> {
  if (!containsTemplate(fields)) return withoutTrailingNewlines(fields) as T;
  if (renderer) return renderer.render(fields, context, limits);
  const bundle = await guestBundle("jinja");
  const outcome = (await runInSandbox({
    scripts: [{ code: bundle, filename: "<windsock-templates>" }],
    entry: "__windsock_render",
    input: { context, fields },
    limits: { timeoutMs: 10_000, ...limits },
  })) as { kind: "ok"; value: T } | { kind: "template_error"; field: string; message: string };
  if (outcome.kind === "template_error") throw new TemplateRenderError(outcome.field, outcome.message);
  return outcome.value;
}

export async function renderString(template: string, context: TemplateContextData, limits?: Partial<SandboxLimits>): Promise<string> {
  const { value } = await renderFields({ value: template }, context, limits);
  return value;
}

function containsTemplate(value: unknown): boolean {
  if (typeof value === "string") return hasTemplateSyntax(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (value && typeof value === "object") return Object.values(value).some(containsTemplate);
  return false;
}

function withoutTrailingNewlines(value: unknown): unknown {
  if (typeof value === "string") return stripTrailingNewline(value);
  if (Array.isArray(value)) return value.map(withoutTrailingNewlines);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: withoutTrailingNewlines(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
