// The request bodies of the webhook management routes: `name` (required on create) and
// `enabled`. Problems map field -> message, every one named.
import { AppError } from "../../errors";

const FIELDS = new Set(["name", "enabled"]);
export const WEBHOOK_NAME_MAX = 100;

export interface WebhookInput {
  name?: string;
  enabled?: boolean;
}

function parse(body: Record<string, unknown>, creating: boolean): WebhookInput {
  const details: Record<string, string> = {};
  for (const k of Object.keys(body)) if (!FIELDS.has(k)) details[k] = "is not a field of a webhook (its fields: name, enabled)";
  const out: WebhookInput = {};
  if (body.name !== undefined || creating) {
    const name = typeof body.name === "string" ? body.name.trim() : body.name;
    if (typeof name !== "string" || name.length === 0) details.name = "is required: say who sends it, e.g. \"github-release\"";
    else if (name.length > WEBHOOK_NAME_MAX) details.name = `must be at most ${WEBHOOK_NAME_MAX} characters`;
    else out.name = name;
  }
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== "boolean") details.enabled = "must be true or false";
    else out.enabled = body.enabled;
  }
  if (Object.keys(details).length) throw new AppError("unprocessable", "The webhook is invalid.", details);
  return out;
}

export const parseCreateWebhook = (body: Record<string, unknown>) => parse(body, true) as { name: string; enabled?: boolean };
export const parsePatchWebhook = (body: Record<string, unknown>) => parse(body, false);
