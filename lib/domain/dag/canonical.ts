// Byte-stable serialization of a DagSpec, so its hash names a DagVersion: object keys sorted
// (recursively, by UTF-16 code units), no insignificant whitespace, arrays in order, numbers
// in JavaScript's shortest round-trip form. The same spec always gives the same bytes,
// whichever way (YAML, JSON, SDK) and in whatever key order it was written.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { DagSpec } from "./spec";

export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(v: unknown): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      if (!Number.isFinite(v)) throw new Error(`canonicalJson: ${v} has no JSON form`);
      return Object.is(v, -0) ? "0" : JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
    case "object": {
      if (Array.isArray(v)) return "[" + v.map((x) => (x === undefined ? "null" : write(x))).join(",") + "]";
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return "{" + keys.map((k) => JSON.stringify(k) + ":" + write(obj[k])).join(",") + "}";
    }
    default:
      throw new Error(`canonicalJson: cannot serialize a ${typeof v}`);
  }
}

/** Hex SHA-256 of the canonical JSON: the DagVersion id. */
export function specHash(spec: DagSpec): string {
  return sha256Hex(canonicalJson(spec));
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
