// The one HTTP client for everything a task sends out (ctx.fetch, the http operator).
// Unless private networks are allowed, every address a host name resolves to is checked
// before connecting (in the socket's own DNS lookup, so a rebinding answer cannot slip
// through), and again for every redirect, which is followed here, not by the library.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { classifyAddress, describeRefusal, type AddressClass } from "./classify-address";

export interface OutboundHttpPolicy {
  /** false in the hosted product; `dags test` allows them unless told otherwise. */
  allowPrivateNetwork: boolean;
  /** Exact IP addresses allowed even when private networks are not (e.g. one internal API). */
  allowedAddresses?: string[];
  /** Default 20 (requests allows 30; 20 is what browsers use). */
  maxRedirects?: number;
  /** Per request (all redirects included). Default 60 s. */
  timeoutMs?: number;
  /** Default 10 MiB. */
  maxResponseBytes?: number;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** The final URL, after redirects. */
  url: string;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export class OutboundHttpError extends Error {
  constructor(
    message: string,
    readonly code: "refused" | "bad_url" | "too_many_redirects" | "too_large" | "timeout" | "network",
  ) {
    super(message);
    this.name = "OutboundHttpError";
  }
}

export function createOutboundHttpClient(policy: OutboundHttpPolicy): HttpClient {
  const maxRedirects = policy.maxRedirects ?? 20;
  const timeoutMs = policy.timeoutMs ?? 60_000;
  const maxBytes = policy.maxResponseBytes ?? 10 * 1024 * 1024;
  const exceptions = new Set(policy.allowedAddresses ?? []);
  const isAllowed: AddressCheck = (address) => {
    if (policy.allowPrivateNetwork || exceptions.has(address)) return null;
    const cls = classifyAddress(address);
    return cls === "public" ? null : cls;
  };
  return {
    async request(req) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let url = parseUrl(req.url);
      let method = req.method.toUpperCase();
      let body = req.body;
      let headers = { ...(req.headers ?? {}) };
      for (let hop = 0; ; hop++) {
        const res = await send(url, method, headers, body, signal, isAllowed, maxBytes, timeoutMs);
        const location = res.headers.location;
        if (![301, 302, 303, 307, 308].includes(res.status) || !location) return res;
        if (hop >= maxRedirects) throw new OutboundHttpError(`too many redirects (more than ${maxRedirects}) starting at ${req.url}`, "too_many_redirects");
        const next = parseUrl(new URL(location, url).toString());
        if (next.host !== url.host) headers = withoutHeader(headers, "authorization");
        // As requests and browsers do: 303 (and 301/302 after a POST) turn into a GET without body.
        if (res.status === 303 ? method !== "HEAD" : (res.status === 301 || res.status === 302) && method === "POST") {
          method = "GET";
          body = undefined;
          headers = withoutHeader(withoutHeader(headers, "content-type"), "content-length");
        }
        url = next;
      }
    },
  };
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundHttpError(`'${text}' is not a valid URL; give a full URL such as https://api.example.com/users`, "bad_url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundHttpError(`only http and https URLs can be fetched, not ${url.protocol.replace(":", "")} (${text})`, "bad_url");
  }
  return url;
}

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name));
}

/** Returns null when the address may be reached, else its class (the reason). */
type AddressCheck = (address: string) => AddressClass | null;

/** A DNS lookup that refuses the connection when any answer is not allowed. */
function guardedLookup(check: AddressCheck): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      for (const a of addresses) {
        const cls = check(a.address);
        if (cls) return callback(new OutboundHttpError(describeRefusal(hostname, a.address, cls), "refused"), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      callback(null, first.address, first.family);
    });
  };
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
  check: AddressCheck,
  maxBytes: number,
  timeoutMs: number,
): Promise<HttpResponse> {
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(hostname)) {
    const cls = check(hostname);
    if (cls) return Promise.reject(new OutboundHttpError(describeRefusal(hostname, hostname, cls), "refused"));
  }
  const lib = url.protocol === "https:" ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    const request = lib.request(
      url,
      {
        method,
        headers: body !== undefined ? { "content-length": String(Buffer.byteLength(body)), ...headers } : headers,
        lookup: guardedLookup(check),
        signal,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            reject(new OutboundHttpError(`the response from ${url} is larger than ${maxBytes} bytes`, "too_large"));
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", reject);
        res.on("end", () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: out, body: Buffer.concat(chunks).toString("utf8"), url: url.toString() });
        });
      },
    );
    request.on("error", (error: Error) => {
      if (error instanceof OutboundHttpError) return reject(error);
      if (signal.aborted) {
        const reason = signal.reason as Error | undefined;
        if (reason?.name === "TimeoutError") return reject(new OutboundHttpError(`the request to ${url} took longer than ${timeoutMs} ms`, "timeout"));
        return reject(new OutboundHttpError(`the request to ${url} was cancelled`, "timeout"));
      }
      const code = (error as NodeJS.ErrnoException).code;
      reject(new OutboundHttpError(`cannot reach ${url}: ${code ? `${code} ` : ""}${error.message}`, "network"));
    });
    if (body !== undefined) request.write(body);
    request.end();
  });
}
