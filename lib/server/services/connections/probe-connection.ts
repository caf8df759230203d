// "Test connection": reaches the system a connection points at and answers what happened
// and how to fix it. Runs in the worker (a Temporal activity with a timeout), through the
// run engine's outbound policy: unless private networks are allowed, a host that resolves
// to a loopback, private, link-local or metadata address is refused before connecting
// (the socket connects to the checked address, so DNS cannot answer differently later).
//   http     GET the base URL with the connection's auth
//   postgres connect, log in, SELECT 1
//   mysql    TCP connect and read the server's handshake (the login is not checked)
//   smtp     connect, STARTTLS/SSL, log in (nodemailer's verify), QUIT
//   slack    check the webhook URL's shape; POST a test message only when asked
//   generic  TCP connect to host:port
// Every message is masked with the connection's own secrets before it leaves.
import { lookup } from "node:dns/promises";
import { isIP, Socket } from "node:net";
import pg from "pg";
import type { Connection } from "../../../domain/connections";
import { secretEntries } from "../../../domain/connections";
import { classifyAddress, describeRefusal } from "../../../operators/http/classify-address";
import { createOutboundHttpClient, OutboundHttpError } from "../../../operators/http/outbound-http-client";
import { SecretMasker } from "../../../operators/secrets";

export interface ConnectionTestResult {
  status: "ok" | "failed" | "unsupported";
  /** What happened, in one sentence. */
  message: string;
  /** How to fix it, when it failed. */
  hint?: string;
  /** Time to the answer, when the system was reached. */
  latency_ms: number | null;
  tested_at: string;
}

export interface ProbeOptions {
  allowPrivateNetwork: boolean;
  /** Exact addresses allowed even when private networks are not. */
  allowedAddresses?: string[];
  /** Per probe. Default 10 s. */
  timeoutMs?: number;
  /** Slack: actually post a test message (the user confirmed). */
  postToSlack?: boolean;
}

class ProbeFailure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly latencyMs: number | null = null,
  ) {
    super(message);
  }
}

type Outcome = { message: string; latencyMs: number; status?: "ok" | "unsupported" };

export async function probeConnection(c: Connection, options: ProbeOptions): Promise<ConnectionTestResult> {
  const masker = new SecretMasker();
  for (const [, value] of secretEntries(c)) masker.addAll(value);
  const mask = (text: string | undefined) => (text === undefined ? undefined : masker.redact(text));
  const tested_at = new Date().toISOString();
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const outcome = await withTimeout(probe(c, { ...options, timeoutMs }), timeoutMs + 1_000);
    return { status: outcome.status ?? "ok", message: mask(outcome.message)!, latency_ms: outcome.latencyMs, tested_at };
  } catch (error) {
    if (error instanceof ProbeFailure) {
      return { status: "failed", message: mask(error.message)!, ...(error.hint ? { hint: mask(error.hint) } : {}), latency_ms: error.latencyMs, tested_at };
    }
    return { status: "failed", message: mask(`the test failed: ${(error as Error).message}`)!, latency_ms: null, tested_at };
  }
}

async function probe(c: Connection, options: ProbeOptions & { timeoutMs: number }): Promise<Outcome> {
  switch (c.conn_type) {
    case "http":
      return probeHttp(c, options);
    case "postgres":
      return probePostgres(c, options);
    case "mysql":
      return probeMysql(c, options);
    case "smtp":
      return probeSmtp(c, options);
    case "slack":
      return probeSlack(c, options);
    case "generic":
      if (typeof c.host === "string" && typeof c.port === "number") {
        const started = performance.now();
        const target = await resolveAllowed(c.host, options);
        await tcpConnect(target, c.port, options.timeoutMs, c.host);
        return { message: `Reached ${c.host}:${c.port} (a TCP connection; the login was not checked).`, latencyMs: ms(started) };
      }
      return { status: "unsupported", message: "A generic connection can be tested when it has a host and a port.", latencyMs: 0 };
    default:
      return {
        status: "unsupported",
        message: `${c.conn_type} connections cannot be tested yet (the operators that use them come later). Their fields are valid.`,
        latencyMs: 0,
      };
  }
}

const ms = (started: number) => Math.round(performance.now() - started);

/** The address to connect to, checked against the outbound policy. */
async function resolveAllowed(host: string, options: ProbeOptions): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = (await lookup(bare, { all: true })).map((a) => a.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ProbeFailure(`the host name ${host} cannot be resolved (${code ?? "DNS error"})`, "Check the spelling of the host; a name that only resolves inside your network cannot be reached from Windsock's workers.");
    }
  }
  if (!options.allowPrivateNetwork) {
    for (const address of addresses) {
      if (options.allowedAddresses?.includes(address)) continue;
      const cls = classifyAddress(address);
      if (cls !== "public") {
        throw new ProbeFailure(
          describeRefusal(host, address, cls),
          "Use the service's public address, or ask your administrator to run workers with ALLOW_PRIVATE_NETWORK=true for this installation.",
        );
      }
    }
  }
  return addresses[0];
}

function networkFailure(error: unknown, where: string, timeoutMs: number, latencyMs: number | null = null): ProbeFailure {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ECONNREFUSED":
      return new ProbeFailure(`nothing accepts connections at ${where} (connection refused)`, "Check the host and port, and that the server is running.", latencyMs);
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
    case "TIMEOUT":
      return new ProbeFailure(`${where} did not answer within ${timeoutMs / 1000} s`, "A firewall may drop the connection: allow Windsock's workers to reach this port.", latencyMs);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new ProbeFailure(`${where} is not reachable from the worker (${code})`, "Check the host; the network path from Windsock's workers to it is missing.", latencyMs);
    case "ECONNRESET":
      return new ProbeFailure(`${where} closed the connection`, "The port may belong to another service, or TLS settings may not match.", latencyMs);
    default:
      return new ProbeFailure(`cannot reach ${where}: ${(error as Error).message}`, undefined, latencyMs);
  }
}

function tcpConnect(address: string, port: number, timeoutMs: number, host: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const where = `${host}:${port}`;
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(networkFailure(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }), where, timeoutMs));
    });
    socket.once("error", (error) => reject(networkFailure(error, where, timeoutMs)));
    socket.connect({ host: address, port }, () => {
      socket.setTimeout(0);
      resolve(socket);
      socket.end();
    });
  });
}

async function probeHttp(c: Connection, options: ProbeOptions & { timeoutMs: number }): Promise<Outcome> {
  const url = String(c.base_url);
  const headers: Record<string, string> = { "user-agent": "Windsock test connection" };
  if (c.auth_type === "basic") headers.authorization = `Basic ${Buffer.from(`${c.login ?? ""}:${c.password ?? ""}`).toString("base64")}`;
  if (c.auth_type === "bearer") headers.authorization = `Bearer ${c.token}`;
  if (c.auth_type === "header") headers[String(c.header_name)] = String(c.header_value);
  const client = createOutboundHttpClient({ allowPrivateNetwork: options.allowPrivateNetwork, allowedAddresses: options.allowedAddresses, timeoutMs: options.timeoutMs, maxResponseBytes: 256 * 1024, maxRedirects: 5 });
  const started = performance.now();
  let response;
  try {
    response = await client.request({ method: "GET", url, headers });
  } catch (error) {
    if (error instanceof OutboundHttpError) {
      const hints: Record<OutboundHttpError["code"], string | undefined> = {
        refused: "Use the service's public address, or ask your administrator to run workers with ALLOW_PRIVATE_NETWORK=true for this installation.",
        bad_url: "Give the base URL as https://host/path.",
        too_many_redirects: "Point the base URL at the final address.",
        too_large: undefined,
        timeout: "The server is slow or a firewall drops the connection.",
        network: "Check the host name and port, and that the server is running.",
      };
      if (error.code === "too_large") return { message: `${url} answered (a large response, not read to the end).`, latencyMs: ms(started) };
      throw new ProbeFailure(error.message, hints[error.code], null);
    }
    throw error;
  }
  const latencyMs = ms(started);
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  if (response.status === 401 || response.status === 403) {
    throw new ProbeFailure(`${url} refused the credentials (${status})`, c.auth_type && c.auth_type !== "none" ? "Check the username/password, token or header value." : "This API needs authentication: choose basic, bearer or a custom header.", latencyMs);
  }
  if (response.status >= 500) throw new ProbeFailure(`${url} answered with a server error (${status})`, "The service is reachable but failing; try again later or check its status.", latencyMs);
  if (response.status >= 400) return { message: `Reached ${url} (${status} for the base URL itself, which is common for APIs; requests to endpoints below it can work).`, latencyMs };
  return { message: `Reached ${url}: ${status}.`, latencyMs };
}

const SSL: Record<string, pg.ClientConfig["ssl"]> = {
  require: { rejectUnauthorized: false },
  "verify-ca": { rejectUnauthorized: true, checkServerIdentity: () => undefined },
  "verify-full": { rejectUnauthorized: true },
};

async function probePostgres(c: Connection, options: ProbeOptions & { timeoutMs: number }): Promise<Outcome> {
  if (typeof c.login !== "string") throw new ProbeFailure("PostgreSQL needs a user to log in", "Set Login to a database user.");
  const host = String(c.host);
  const port = typeof c.port === "number" ? c.port : 5432;
  const where = `${host}:${port}`;
  const address = await resolveAllowed(host, options);
  const sslmode = typeof c.sslmode === "string" ? c.sslmode : undefined;
  const ssl = sslmode && SSL[sslmode] ? { ...(SSL[sslmode] as object), servername: isIP(host) ? undefined : host } : false;
  const client = new pg.Client({
    host: address,
    port,
    user: c.login,
    password: typeof c.password === "string" ? c.password : "",
    database: typeof c.schema === "string" ? c.schema : c.login,
    ssl,
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    application_name: "windsock-test-connection",
  });
  client.on("error", () => undefined);
  const started = performance.now();
  try {
    await client.connect();
    const { rows } = await client.query<{ one: number; version: string; db: string }>("SELECT 1 AS one, current_setting('server_version') AS version, current_database() AS db");
    const latencyMs = ms(started);
    return { message: `Logged in to ${where} as ${c.login}, database ${rows[0].db} (PostgreSQL ${rows[0].version}); SELECT 1 answered ${rows[0].one}.`, latencyMs };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const latencyMs = ms(started);
    if (code === "28P01" || code === "28000") {
      throw new ProbeFailure(`${where} refused the login of user "${c.login}": ${(error as Error).message}`, "Check Login and Password (and that pg_hba.conf lets this user in from the worker's address).", latencyMs);
    }
    if (code === "3D000") throw new ProbeFailure(`${where}: ${(error as Error).message}`, "Set Database (schema) to an existing database.", latencyMs);
    if (/does not support SSL|SSL off|self[- ]signed|certificate/i.test((error as Error).message)) {
      throw new ProbeFailure(`${where}: TLS failed: ${(error as Error).message}`, "Match SSL mode to the server: 'disable' when it has no TLS, 'require' when its certificate is not from a public authority.", latencyMs);
    }
    if (/timeout/i.test((error as Error).message)) throw networkFailure(Object.assign(error as Error, { code: "ETIMEDOUT" }), where, options.timeoutMs);
    if (code && /^[0-9A-Z]{5}$/.test(code)) throw new ProbeFailure(`${where} answered with an error: ${(error as Error).message}`, undefined, latencyMs);
    throw networkFailure(error, where, options.timeoutMs);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeMysql(c: Connection, options: ProbeOptions & { timeoutMs: number }): Promise<Outcome> {
  const host = String(c.host);
  const port = typeof c.port === "number" ? c.port : 3306;
  const where = `${host}:${port}`;
  const address = await resolveAllowed(host, options);
  const started = performance.now();
  const packet = await new Promise<Buffer>((resolve, reject) => {
    const socket = new Socket();
    let data = Buffer.alloc(0);
    socket.setTimeout(options.timeoutMs, () => {
      socket.destroy();
      reject(networkFailure(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }), where, options.timeoutMs));
    });
    socket.once("error", (error) => reject(networkFailure(error, where, options.timeoutMs)));
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 4 && data.length >= 4 + data.readUIntLE(0, 3)) {
        socket.destroy();
        resolve(data.subarray(4, 4 + data.readUIntLE(0, 3)));
      }
    });
    socket.once("end", () => reject(new ProbeFailure(`${where} closed the connection without a MySQL handshake`, "Check that the port belongs to a MySQL server.")));
    socket.connect({ host: address, port });
  });
  const latencyMs = ms(started);
  if (packet[0] === 0xff) {
    const text = packet.subarray(packet[3] === 0x23 ? 9 : 3).toString("utf8");
    throw new ProbeFailure(`${where} refused the connection: ${text}`, "The server may not accept connections from the worker's address (MySQL host rules).", latencyMs);
  }
  if (packet[0] !== 0x0a) throw new ProbeFailure(`${where} did not answer like a MySQL server`, "Check the host and port.", latencyMs);
  const end = packet.indexOf(0, 1);
  const version = packet.subarray(1, end > 0 ? end : undefined).toString("utf8");
  return { message: `Reached the MySQL server at ${where} (version ${version}). The login was not checked: Windsock's workers have no MySQL client yet.`, latencyMs };
}

async function probeSmtp(c: Connection, options: ProbeOptions & { timeoutMs: number }): Promise<Outcome> {
  const host = String(c.host);
  const port = typeof c.port === "number" ? c.port : 587;
  const where = `${host}:${port}`;
  const address = await resolveAllowed(host, options);
  const nodemailer = await import("nodemailer");
  const secure = port === 465 && c.disable_ssl !== true;
  const transport = nodemailer.createTransport({
    host: address,
    port,
    secure,
    ignoreTLS: c.disable_tls === true,
    auth: typeof c.login === "string" ? { user: c.login, pass: typeof c.password === "string" ? c.password : "" } : undefined,
    tls: { servername: isIP(host) ? undefined : host },
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  const started = performance.now();
  try {
    await transport.verify();
    const how = secure ? "SSL" : c.disable_tls === true ? "no TLS" : "STARTTLS when offered";
    return { message: `${where} accepted the connection (${how})${c.login ? ` and the login of ${c.login}` : ""}.`, latencyMs: ms(started) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const latencyMs = ms(started);
    if (code === "EAUTH") throw new ProbeFailure(`${where} refused the login of ${c.login}: ${(error as Error).message}`, "Check Login and Password (some providers need an app password).", latencyMs);
    if (code === "ETLS" || /ssl|tls|certificate|wrong version/i.test((error as Error).message)) {
      throw new ProbeFailure(`${where}: TLS failed: ${(error as Error).message}`, "Port 465 uses SSL from the start, 587 and 25 use STARTTLS: adjust the port or the SSL/STARTTLS switches.", latencyMs);
    }
    const errno = code === "ETIMEDOUT" ? "ETIMEDOUT" : /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH/.exec((error as Error).message)?.[0];
    if (errno) throw networkFailure(Object.assign(new Error((error as Error).message), { code: errno }), where, options.timeoutMs, latencyMs);
    throw new ProbeFailure(`${where}: ${(error as Error).message}`, undefined, latencyMs);
  } finally {
    transport.close();
  }
}

const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/;

async function probeSlack(c: Connection, options: ProbeOptions & { timeoutMs: number }): Promise<Outcome> {
  const url = String(c.webhook_url);
  if (!SLACK_WEBHOOK.test(url)) {
    throw new ProbeFailure("the webhook URL does not look like a Slack incoming webhook", "Copy it from Slack (Apps → Incoming Webhooks): https://hooks.slack.com/services/T…/B…/…");
  }
  if (!options.postToSlack) return { message: "The webhook URL has the shape of a Slack incoming webhook. Nothing was posted; test again with “post a test message” to send one to its channel.", latencyMs: 0 };
  const client = createOutboundHttpClient({ allowPrivateNetwork: options.allowPrivateNetwork, timeoutMs: options.timeoutMs, maxRedirects: 0 });
  const started = performance.now();
  try {
    const response = await client.request({ method: "POST", url, headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Windsock: test message — this connection works." }) });
    const latencyMs = ms(started);
    if (response.status === 200) return { message: "Slack accepted the test message; it should appear in the webhook's channel.", latencyMs };
    throw new ProbeFailure(`Slack refused the message (HTTP ${response.status}: ${response.body.slice(0, 100)})`, "The webhook was revoked or its channel was deleted: create a new one in Slack.", latencyMs);
  } catch (error) {
    if (error instanceof OutboundHttpError) throw new ProbeFailure(error.message);
    throw error;
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeFailure(`no answer within ${Math.round(timeoutMs / 1000)} s`, "The server is slow or a firewall drops the connection.")), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
