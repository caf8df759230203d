// The probes behind "Test connection", against small local servers: the http probe sends
// the connection's auth and tells refused credentials from a reachable API; the smtp probe
// logs in (and names a refused login); the mysql probe reads the server's handshake or
// its refusal; answers never contain the secret; private addresses are refused unless
// allowed.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../../lib/domain/connections";
import { probeConnection } from "../../../lib/server/services/connections/probe-connection";

const TOKEN = "tok-PLANTED-abcdef123";
const PASSWORD = "pw-PLANTED-987654";
const allow = { allowPrivateNetwork: true, timeoutMs: 3_000 };
const servers: { close: (cb?: () => void) => unknown }[] = [];
let httpPort = 0;
let smtpPort = 0;
let mysqlPort = 0;
let mysqlRefusingPort = 0;

const listen = (server: net.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));

beforeAll(async () => {
  const api = http.createServer((req, res) => {
    if (req.headers.authorization === `Bearer ${TOKEN}`) return res.writeHead(200).end("{}");
    res.writeHead(req.url === "/public" ? 404 : 401).end(`unauthorized, you sent ${req.headers.authorization}`);
  });
  httpPort = await listen(api);
  servers.push(api);

  // Just enough SMTP for nodemailer's verify: greeting, EHLO with AUTH PLAIN, AUTH, QUIT.
  const smtp = net.createServer((socket) => {
    socket.write("220 mail.test ESMTP\r\n");
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (/^EHLO/i.test(line)) socket.write("250-mail.test\r\n250 AUTH PLAIN\r\n");
        else if (/^AUTH PLAIN/i.test(line)) {
          const creds = Buffer.from(line.split(" ")[2] ?? "", "base64").toString().split("\0");
          socket.write(creds[2] === PASSWORD ? "235 ok\r\n" : "535 5.7.8 authentication failed\r\n");
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  smtpPort = await listen(smtp);
  servers.push(smtp);

  const packet = (payload: Buffer) => Buffer.concat([Buffer.from([payload.length & 0xff, (payload.length >> 8) & 0xff, 0, 0]), payload]);
  const mysql = net.createServer((socket) => socket.end(packet(Buffer.concat([Buffer.from([0x0a]), Buffer.from("8.0.36-test\0"), Buffer.alloc(20)]))));
  mysqlPort = await listen(mysql);
  servers.push(mysql);
  const refusing = net.createServer((socket) => socket.end(packet(Buffer.concat([Buffer.from([0xff, 0x6a, 0x04]), Buffer.from("Host '10.0.0.9' is not allowed to connect")]))));
  mysqlRefusingPort = await listen(refusing);
  servers.push(refusing);
});
afterAll(() => servers.forEach((s) => s.close()));

const conn = (c: Omit<Connection, "connection_id">) => ({ connection_id: "x", ...c }) as Connection;

describe("probeConnection", () => {
  it("http: sends the bearer token; a wrong one is refused credentials; 404 at the base URL still reaches the API", async () => {
    const base = `http://127.0.0.1:${httpPort}`;
    expect(await probeConnection(conn({ conn_type: "http", base_url: base, auth_type: "bearer", token: TOKEN }), allow)).toMatchObject({ status: "ok", message: expect.stringMatching(/HTTP 200/) });
    const wrong = await probeConnection(conn({ conn_type: "http", base_url: base, auth_type: "bearer", token: `${TOKEN}-old` }), allow);
    expect(wrong).toMatchObject({ status: "failed", message: expect.stringMatching(/refused the credentials \(HTTP 401/), hint: expect.stringMatching(/token/) });
    expect(JSON.stringify(wrong)).not.toContain(TOKEN);
    expect(await probeConnection(conn({ conn_type: "http", base_url: `${base}/public` }), allow)).toMatchObject({ status: "ok", message: expect.stringMatching(/404/) });
    expect(await probeConnection(conn({ conn_type: "http", base_url: base }), { allowPrivateNetwork: false })).toMatchObject({ status: "failed", message: expect.stringMatching(/loopback/) });
  });

  it("smtp: logs in, and names a refused login without the password", async () => {
    const base = { conn_type: "smtp" as const, host: "127.0.0.1", port: smtpPort, login: "mailer", disable_tls: true };
    expect(await probeConnection(conn({ ...base, password: PASSWORD }), allow)).toMatchObject({ status: "ok", message: expect.stringMatching(/accepted the connection \(no TLS\) and the login of mailer/) });
    const refused = await probeConnection(conn({ ...base, password: `${PASSWORD}-x` }), allow);
    expect(refused).toMatchObject({ status: "failed", message: expect.stringMatching(/refused the login of mailer/), hint: expect.stringMatching(/Password/) });
    expect(JSON.stringify(refused)).not.toContain(PASSWORD);
  });

  it("mysql: reads the server version from the handshake, or the server's refusal", async () => {
    expect(await probeConnection(conn({ conn_type: "mysql", host: "127.0.0.1", port: mysqlPort, login: "u", password: PASSWORD }), allow)).toMatchObject({
      status: "ok",
      message: expect.stringMatching(/version 8\.0\.36-test\).*login was not checked/),
    });
    expect(await probeConnection(conn({ conn_type: "mysql", host: "127.0.0.1", port: mysqlRefusingPort }), allow)).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/is not allowed to connect/),
    });
  });

  it("generic: a TCP connect; nothing listening is named as such; aws cannot be tested yet", async () => {
    expect(await probeConnection(conn({ conn_type: "generic", host: "127.0.0.1", port: mysqlPort }), allow)).toMatchObject({ status: "ok" });
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    expect(await probeConnection(conn({ conn_type: "generic", host: "127.0.0.1", port: closed }), allow)).toMatchObject({ status: "failed", message: expect.stringMatching(/connection refused/) });
    expect(await probeConnection(conn({ conn_type: "aws", region_name: "eu-central-1" }), allow)).toMatchObject({ status: "unsupported" });
  });

  it("refuses names that resolve to private addresses before connecting", async () => {
    expect(await probeConnection(conn({ conn_type: "postgres", host: "localhost", login: "u" }), { allowPrivateNetwork: false })).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/refused to connect to localhost \(.*\): it is a loopback address/),
    });
  });
});
