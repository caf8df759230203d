// The parts of Python's urllib.parse and json that Airflow's connection URI code relies
// on, ported exactly (Python 3.11), so a URI means the same here as in Airflow. Pure.

const ALWAYS_SAFE = /[A-Za-z0-9_.~-]/;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8"); // not fatal: invalid bytes become U+FFFD, like errors="replace"

/** urllib.parse.quote(s, safe=""): everything but letters, digits and `_.-~` as %XX of UTF-8. */
export function quote(s: string, safe = ""): string {
  let out = "";
  for (const ch of s) {
    if (ALWAYS_SAFE.test(ch) || (ch.length === 1 && safe.includes(ch))) out += ch;
    else for (const b of encoder.encode(ch)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** urllib.parse.quote_plus(s, safe=""): as quote, with spaces as "+". */
export function quotePlus(s: string): string {
  return s.includes(" ") ? quote(s, " ").replace(/ /g, "+") : quote(s);
}

/** urllib.parse.unquote: %XX runs decoded as UTF-8; malformed escapes stay as they are. */
export function unquote(s: string): string {
  if (!s.includes("%")) return s;
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decoder.decode(bytes);
  });
}

const unquotePlus = (s: string) => unquote(s.replace(/\+/g, " "));

/** urllib.parse.parse_qsl(qs, keep_blank_values=True). */
export function parseQsl(qs: string): [string, string][] {
  const out: [string, string][] = [];
  if (!qs) return out;
  for (const pair of qs.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const [name, value] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    out.push([unquotePlus(name), unquotePlus(value)]);
  }
  return out;
}

/** urllib.parse.urlencode for a dict of strings. */
export function urlencode(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`)
    .join("&");
}

export interface SplitResult {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

export class UrlSplitError extends Error {}

const SCHEME_CHARS = /^[A-Za-z0-9+.-]*$/;

/** urllib.parse.urlsplit(url). */
export function urlsplit(input: string): SplitResult {
  // eslint-disable-next-line no-control-regex
  let url = input.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
  let scheme = "";
  let netloc = "";
  let query = "";
  let fragment = "";
  const colon = url.indexOf(":");
  if (colon > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith("//")) {
    let delim = url.length;
    for (const c of "/?#") {
      const at = url.indexOf(c, 2);
      if (at >= 0) delim = Math.min(delim, at);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
    if (netloc.includes("[") !== netloc.includes("]")) throw new UrlSplitError("Invalid IPv6 URL");
  }
  const hash = url.indexOf("#");
  if (hash >= 0) [url, fragment] = [url.slice(0, hash), url.slice(hash + 1)];
  const q = url.indexOf("?");
  if (q >= 0) [url, query] = [url.slice(0, q), url.slice(q + 1)];
  return { scheme, netloc, path: url, query, fragment };
}

const rpartition = (s: string, sep: string): [string, boolean, string] => {
  const at = s.lastIndexOf(sep);
  return at < 0 ? ["", false, s] : [s.slice(0, at), true, s.slice(at + sep.length)];
};
const partition = (s: string, sep: string): [string, boolean, string] => {
  const at = s.indexOf(sep);
  return at < 0 ? [s, false, ""] : [s.slice(0, at), true, s.slice(at + sep.length)];
};

/** SplitResult.username / .password. */
export function userinfoOf(parts: SplitResult): { username: string | null; password: string | null } {
  const [userinfo, haveInfo] = rpartition(parts.netloc, "@");
  if (!haveInfo) return { username: null, password: null };
  const [username, havePassword, password] = partition(userinfo, ":");
  return { username, password: havePassword ? password : null };
}

function hostinfoOf(parts: SplitResult): { hostname: string; port: string | null } {
  const [, , hostinfo] = rpartition(parts.netloc, "@");
  const [, haveOpen, bracketed] = partition(hostinfo, "[");
  let hostname: string;
  let port: string;
  if (haveOpen) {
    let rest: string;
    [hostname, , rest] = partition(bracketed, "]");
    [, , port] = partition(rest, ":");
  } else {
    [hostname, , port] = partition(hostinfo, ":");
  }
  return { hostname, port: port ? port : null };
}

/** SplitResult.hostname: lower-cased, except an IPv6 zone after "%". */
export function hostnameOf(parts: SplitResult): string | null {
  const { hostname } = hostinfoOf(parts);
  if (!hostname) return null;
  const [host, havePercent, zone] = partition(hostname, "%");
  return host.toLowerCase() + (havePercent ? "%" + zone : "");
}

/** SplitResult.port, with Python's two errors. */
export function portOf(parts: SplitResult): number | null {
  const { port } = hostinfoOf(parts);
  if (port === null) return null;
  if (!/^[0-9]+$/.test(port)) throw new UrlSplitError(`the port is not a number`);
  const n = Number(port);
  if (n > 65535) throw new UrlSplitError("the port is out of range 0-65535");
  return n;
}

/**
 * json.dumps(value) with Python's defaults: ", " and ": " separators, non-ASCII escaped.
 * (Integral floats such as 1.0 print as 1: JSON.parse cannot tell them apart.)
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
  if (typeof value === "string") return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  if (Array.isArray(value)) return "[" + value.map(pythonJsonDumps).join(", ") + "]";
  if (typeof value === "object") {
    return "{" + Object.entries(value).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(", ") + "}";
  }
  return pythonJsonDumps(String(value));
}
