// The forms in which a secret value shows up in output: as is, base64 (standard and
// url-safe, padded or not, and inside a longer base64 text such as a Basic auth header),
// URL-encoded (encodeURIComponent, encodeURI, form encoding, Python's quote/quote_plus,
// upper- and lower-case hex) and JSON-escaped (JavaScript's and Python's ensure_ascii).
import { quote, quotePlus } from "../../domain/connections";

/** A base64 fragment shorter than this is too likely to occur by chance. */
const MIN_BASE64_CORE = 8;

const utf8 = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
const urlSafe = (b64: string) => b64.replace(/\+/g, "-").replace(/\//g, "_");
const unpadded = (b64: string) => b64.replace(/=+$/, "");

/**
 * The base64 characters that depend on the secret alone when it starts `offset` bytes into a
 * longer text (offset 0, 1 or 2 covers every alignment).
 */
function base64Core(bytes: Uint8Array, offset: number): string {
  const padded = new Uint8Array(offset + bytes.length);
  padded.set(bytes, offset);
  const encoded = base64(padded);
  const first = [0, 2, 3][offset];
  const last = Math.floor(((offset + bytes.length) * 8) / 6);
  return encoded.slice(first, last);
}

function safely(f: () => string): string | undefined {
  try {
    return f();
  } catch {
    return undefined; // a lone surrogate cannot be URL-encoded: that form cannot occur either
  }
}

const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

export function secretVariants(secret: string): string[] {
  const out = new Set<string>([secret]);
  const bytes = utf8.encode(secret);
  const b64 = base64(bytes);
  for (const v of [b64, unpadded(b64), urlSafe(b64), unpadded(urlSafe(b64))]) out.add(v);
  for (const offset of [0, 1, 2]) {
    const core = base64Core(bytes, offset);
    if (core.length >= MIN_BASE64_CORE) {
      out.add(core);
      out.add(urlSafe(core));
    }
  }
  const encodings = [
    safely(() => encodeURIComponent(secret)),
    safely(() => encodeURI(secret)),
    safely(() => new URLSearchParams([["", secret]]).toString().slice(1)),
    safely(() => quote(secret)),
    safely(() => quote(secret, "/")),
    safely(() => quotePlus(secret)),
  ];
  for (const e of encodings) {
    if (e === undefined) continue;
    out.add(e);
    out.add(lowerHex(e));
  }
  const json = JSON.stringify(secret).slice(1, -1);
  out.add(json);
  out.add(json.replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")));
  return [...out];
}
