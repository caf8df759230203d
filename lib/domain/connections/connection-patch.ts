// PATCH semantics for write-only secrets (issue 8): a field left out keeps its stored
// value, `null` clears it, a value replaces it. Secret values inside `extra` (keys that look
// secret) are never returned, so a client that sends back the `extra` it read must not
// erase them: they are kept unless the patch names them (null clears).
import type { Connection } from "./connection";
import { CONNECTION_TYPES } from "./connection-types";
import { shouldHideValueForKey } from "./sensitive-keys";

export type PatchResult = { ok: true; input: Record<string, unknown> } | { ok: false; path: string; message: string };

/**
 * The input to validate with `parseConnection` after applying `patch` to `stored`.
 * Changing `conn_type` starts from the patch alone: the old type's fields, secrets
 * included, do not carry over to a different kind of system.
 */
export function applyConnectionPatch(stored: Connection, patch: Record<string, unknown>, extraSensitive: readonly string[] = []): PatchResult {
  if ("connection_id" in patch && patch.connection_id !== stored.connection_id) {
    return { ok: false, path: "connection_id", message: "cannot be changed: create a new connection and delete this one" };
  }
  if (patch.conn_type !== undefined && patch.conn_type !== stored.conn_type) {
    return { ok: true, input: { ...withoutNulls(patch), connection_id: stored.connection_id } };
  }
  const input: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (key === "extra") continue;
    if (value === undefined) continue;
    if (value === null) delete input[key];
    else input[key] = value;
  }
  if ("extra" in patch && patch.extra !== undefined) {
    const merged = mergeExtra(stored.extra ?? {}, patch.extra, extraSensitive);
    if (!merged.ok) return merged;
    if (merged.extra) input.extra = merged.extra;
    else delete input.extra;
  }
  // Secret typed fields sent as "" are treated as "not re-entered", as a form posts them.
  for (const f of CONNECTION_TYPES[stored.conn_type].fields) {
    if (f.secret && patch[f.name] === "" && stored[f.name] !== undefined) input[f.name] = stored[f.name];
  }
  return { ok: true, input };
}

function mergeExtra(stored: Record<string, unknown>, patch: unknown, extraSensitive: readonly string[]): { ok: true; extra: Record<string, unknown> | null } | { ok: false; path: string; message: string } {
  if (patch === null) return { ok: true, extra: null };
  if (typeof patch !== "object" || Array.isArray(patch)) return { ok: false, path: "extra", message: "must be a JSON object or null" };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stored)) if (shouldHideValueForKey(k, extraSensitive)) out[k] = v;
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null && shouldHideValueForKey(k, extraSensitive)) delete out[k];
    else out[k] = v;
  }
  return { ok: true, extra: Object.keys(out).length ? out : null };
}

function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
