// Master keys from configuration: `WINDSOCK_MASTER_KEYS="k2:<base64>,k1:<base64>"` (current
// first), or the single `WINDSOCK_MASTER_KEY`, which is key id "k1". Pure string checks, so
// lib/server/env.ts can report every problem at start-up.

export interface MasterKeySpec {
  id: string;
  /** 32 bytes, standard base64 with padding. */
  base64: string;
}

/** Key ids appear in every stored record (`v1.<keyId>.…`), so no dots, commas or colons. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MASTER_KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
/** The id the single WINDSOCK_MASTER_KEY gets. */
export const LEGACY_KEY_ID = "k1";

export type ParsedMasterKeys = { ok: true; keys: MasterKeySpec[] } | { ok: false; problems: string[] };

/** Parses "id:base64,id:base64" (whitespace around entries ignored). Problems never echo a key. */
export function parseMasterKeyList(text: string): ParsedMasterKeys {
  const problems: string[] = [];
  const keys: MasterKeySpec[] = [];
  const entries = text.split(",").map((e) => e.trim());
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) {
      problems.push(`${where} must be "<key id>:<32 bytes in base64>", e.g. k2:$(openssl rand -base64 32)`);
      return;
    }
    const id = entry.slice(0, colon).trim();
    const base64 = entry.slice(colon + 1).trim();
    if (!KEY_ID_PATTERN.test(id)) problems.push(`${where} has key id "${id.slice(0, 64)}": use 1-64 letters, digits, "_" or "-"`);
    else if (keys.some((k) => k.id === id)) problems.push(`${where} repeats key id "${id}": every key needs its own id`);
    if (!MASTER_KEY_PATTERN.test(base64)) problems.push(`${where} (key id "${id.slice(0, 64)}") is not 32 bytes in base64 (generate one with: openssl rand -base64 32)`);
    if (problems.length === 0) keys.push({ id, base64 });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, keys };
}

/**
 * The configured ring, current key first. When both variables are set, the single key must
 * be one of the list, so switching to a list cannot silently orphan data written under it.
 */
export function resolveMasterKeys(config: { WINDSOCK_MASTER_KEY?: string; WINDSOCK_MASTER_KEYS?: string }): ParsedMasterKeys {
  if (config.WINDSOCK_MASTER_KEYS) {
    const parsed = parseMasterKeyList(config.WINDSOCK_MASTER_KEYS);
    if (!parsed.ok) return parsed;
    if (config.WINDSOCK_MASTER_KEY && !parsed.keys.some((k) => k.base64 === config.WINDSOCK_MASTER_KEY)) {
      return {
        ok: false,
        problems: [
          `WINDSOCK_MASTER_KEY is set but is not one of WINDSOCK_MASTER_KEYS: add it to the list as "${LEGACY_KEY_ID}:<that key>" after the new current key (secrets written under it must stay readable until \`npm run keys:rotate\` has run), or unset WINDSOCK_MASTER_KEY`,
        ],
      };
    }
    return parsed;
  }
  if (config.WINDSOCK_MASTER_KEY) {
    if (!MASTER_KEY_PATTERN.test(config.WINDSOCK_MASTER_KEY)) return { ok: false, problems: ["WINDSOCK_MASTER_KEY is not 32 bytes in base64"] };
    return { ok: true, keys: [{ id: LEGACY_KEY_ID, base64: config.WINDSOCK_MASTER_KEY }] };
  }
  return { ok: true, keys: [] };
}
