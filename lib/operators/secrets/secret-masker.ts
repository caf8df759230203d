// Replaces the secret values a task received by "***" in its logs, rendered templates and
// XCom views, following Airflow 3.1.8's secrets_masker: values shorter than 5 characters
// are not masked (they would mask everything), nor the product's name; a value registered
// under a name is masked only when the name looks secret; dicts register their values
// under their keys. Beyond Airflow: every encoded form of a value (secret-variants.ts),
// overlapping secrets masked as one span, and no depth limit that would let nested values
// through unmasked.
import { shouldHideValueForKey } from "../../domain/connections";
import { secretVariants } from "./secret-variants";

export const REPLACEMENT = "***";
/** Airflow's `[logging] min_length_masked_secret` default. */
export const DEFAULT_MIN_LENGTH = 5;
/** Airflow's SECRETS_TO_SKIP_MASKING, and our own name for the same reason. */
const SKIP = new Set(["airflow", "windsock"]);
/** Deeper than this, a value is replaced as a whole rather than walked (and cycles end). */
const MAX_DEPTH = 64;

export interface SecretMaskerOptions {
  minLength?: number;
  /** Airflow's `[core] sensitive_var_conn_names`. */
  sensitiveNames?: readonly string[];
}

export type Interval = [start: number, end: number];

export class SecretMasker {
  readonly minLength: number;
  readonly sensitiveNames: readonly string[];
  #patterns = new Set<string>();
  #find: RegExp | null = null;
  #scan: RegExp | null = null;
  #longest = 0;
  #newline = false;

  constructor(options: SecretMaskerOptions = {}) {
    this.minLength = options.minLength ?? DEFAULT_MIN_LENGTH;
    this.sensitiveNames = options.sensitiveNames ?? [];
  }

  /**
   * Registers a value to mask (Airflow's mask_secret). Objects register each value under its
   * key, arrays each item under `name`; numbers and booleans are not masked.
   */
  add(secret: unknown, name?: string, depth = 0): void {
    if (depth > MAX_DEPTH || secret === null || secret === undefined) return;
    if (typeof secret === "string") return this.#addString(secret, name);
    if (Array.isArray(secret)) return secret.forEach((v) => this.add(v, name, depth + 1));
    if (typeof secret === "object") for (const [k, v] of Object.entries(secret)) this.add(v, k, depth + 1);
  }

  /** Registers a value and every string inside it, whatever the keys are called (a secret variable's JSON). */
  addAll(secret: unknown, depth = 0): void {
    if (depth > MAX_DEPTH || secret === null || secret === undefined) return;
    if (typeof secret === "string") return this.#addString(secret);
    if (typeof secret === "object") for (const v of Object.values(secret)) this.addAll(v, depth + 1);
  }

  shouldHideValueForKey(name: unknown): boolean {
    return shouldHideValueForKey(name, this.sensitiveNames);
  }

  #addString(secret: string, name?: string): void {
    if (!secret || SKIP.has(secret.toLowerCase()) || secret.length < this.minLength) return;
    if (name && !this.shouldHideValueForKey(name)) return;
    let added = false;
    for (const v of secretVariants(secret)) {
      if (v.length < this.minLength || SKIP.has(v.toLowerCase()) || this.#patterns.has(v)) continue;
      this.#patterns.add(v);
      added = true;
    }
    if (added) this.#rebuild();
  }

  #rebuild(): void {
    // Longest first: at one position, the longest form wins.
    const alternatives = [...this.#patterns].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
    this.#find = new RegExp(alternatives);
    this.#scan = new RegExp(`(?=(${alternatives}))`, "g");
    this.#longest = Math.max(...[...this.#patterns].map((p) => p.length));
    this.#newline = [...this.#patterns].some((p) => p.includes("\n") || p.includes("\r"));
  }

  /** Length of the longest form registered (what a streaming writer must hold back). */
  get longestForm(): number {
    return this.#longest;
  }

  /** True when some registered form contains a line break (a PEM key), so lines cannot be emitted early. */
  get formsSpanLines(): boolean {
    return this.#newline;
  }

  get size(): number {
    return this.#patterns.size;
  }

  /** Every span of `text` covered by a secret form, overlapping matches merged, sorted. */
  spans(text: string): Interval[] {
    if (!this.#find || !this.#scan || !this.#find.test(text)) return [];
    const merged: Interval[] = [];
    for (const m of text.matchAll(this.#scan)) {
      const start = m.index;
      const end = start + m[1].length;
      const last = merged[merged.length - 1];
      if (last && start < last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }

  redact(text: string): string {
    const spans = this.spans(text);
    return spans.length ? replaceSpans(text, spans) : text;
  }

  /**
   * Masks strings anywhere inside a value (rendered template fields, XCom values). As in
   * Airflow's redact(), everything under a key that looks secret is masked as a whole.
   */
  redactValue<T>(value: T, name?: string): T {
    return this.#redactValue(value, name, 0, new WeakSet()) as T;
  }

  #redactValue(value: unknown, name: string | undefined, depth: number, seen: WeakSet<object>): unknown {
    if (name !== undefined && this.shouldHideValueForKey(name)) return maskAll(value, depth, seen);
    if (typeof value === "string") return this.redact(value);
    if (value === null || typeof value !== "object") return value;
    if (depth > MAX_DEPTH || seen.has(value)) return REPLACEMENT;
    seen.add(value);
    try {
      if (Array.isArray(value)) return value.map((v) => this.#redactValue(v, undefined, depth + 1, seen));
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, k, { value: this.#redactValue(v, k, depth + 1, seen), enumerable: true, writable: true, configurable: true });
      }
      return out;
    } finally {
      seen.delete(value);
    }
  }

  /** An XCom value as JSON text, masked; text that is not JSON is masked as text. */
  redactJson(json: string): string {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return this.redact(json);
    }
    return JSON.stringify(this.redactValue(value));
  }
}

function maskAll(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return REPLACEMENT;
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH || seen.has(value)) return REPLACEMENT;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => maskAll(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: maskAll(v, depth + 1, seen), enumerable: true, writable: true, configurable: true });
    return out;
  } finally {
    seen.delete(value);
  }
}

export function replaceSpans(text: string, spans: readonly Interval[]): string {
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + REPLACEMENT;
    at = end;
  }
  return out + text.slice(at);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
