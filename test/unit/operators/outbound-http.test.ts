// The outbound policy: private, loopback, link-local, CGNAT, unique-local and metadata
// addresses are refused unless allowed, after DNS resolution and on every redirect.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAddress } from "../../../lib/operators/http/classify-address";
import { createOutboundHttpClient, OutboundHttpError } from "../../../lib/operators/http/outbound-http-client";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["172.32.0.1", "public"],
    ["100.128.0.1", "public"],
    ["2606:4700::1111", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    ["169.254.169.254", "cloud-metadata"],
    ["fd00:ec2::254", "cloud-metadata"],
    ["100.100.100.200", "cloud-metadata"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "cloud-metadata"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:a00:1::1", "private"],
    ["not an ip", "reserved"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe("createOutboundHttpClient against a local server", () => {
  let server: http.Server;
  let base: string;
  const seen: { method?: string; url?: string; body: string; auth?: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, body, auth: req.headers.authorization });
        if (req.url === "/redirect-303") return res.writeHead(303, { location: "/echo" }).end();
        if (req.url === "/redirect-307") return res.writeHead(307, { location: "/echo" }).end();
        if (req.url === "/to-metadata") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
        if (req.url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
        if (req.url === "/big") return res.end("x".repeat(2048));
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ method: req.method, body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const allowed = createOutboundHttpClient({ allowPrivateNetwork: true });
  const denied = createOutboundHttpClient({ allowPrivateNetwork: false });

  it("reaches a local server when private networks are allowed", async () => {
    const res = await allowed.request({ method: "POST", url: `${base}/echo`, body: "hi", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ method: "POST", body: "hi" });
    expect(res.headers["content-type"]).toBe("application/json");
  });

  it("resolves names and still refuses loopback when they are not allowed", async () => {
    const port = new URL(base).port;
    for (const url of [`${base}/echo`, `http://localhost:${port}/echo`, `http://[::1]:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      const error = await denied.request({ method: "GET", url }).catch((e) => e);
      expect(error).toBeInstanceOf(OutboundHttpError);
      expect(error.code).toBe("refused");
      expect(error.message).toMatch(/loopback address/);
      expect(error.message).toMatch(/ALLOW_PRIVATE_NETWORK/);
    }
  });

  it("refuses the cloud metadata address without connecting", async () => {
    const error = await denied.request({ method: "GET", url: "http://169.254.169.254/latest/meta-data/" }).catch((e) => e);
    expect(error.code).toBe("refused");
    expect(error.message).toMatch(/cloud metadata/);
  });

  it("checks every redirect: an allowed first hop redirecting to the metadata service is refused", async () => {
    const onlyLocal = createOutboundHttpClient({ allowPrivateNetwork: false, allowedAddresses: ["127.0.0.1"] });
    expect((await onlyLocal.request({ method: "GET", url: `${base}/echo` })).status).toBe(200);
    const error = await onlyLocal.request({ method: "GET", url: `${base}/to-metadata` }).catch((e) => e);
    expect(error).toBeInstanceOf(OutboundHttpError);
    expect(error.code).toBe("refused");
    expect(error.message).toMatch(/169\.254\.169\.254: it is the cloud metadata service/);
  });

  it("follows 303 as GET without body and 307 keeping method and body", async () => {
    const a = await allowed.request({ method: "POST", url: `${base}/redirect-303`, body: "payload" });
    expect(JSON.parse(a.body)).toEqual({ method: "GET", body: "" });
    expect(a.url).toBe(`${base}/echo`);
    const b = await allowed.request({ method: "POST", url: `${base}/redirect-307`, body: "payload" });
    expect(JSON.parse(b.body)).toEqual({ method: "POST", body: "payload" });
  });

  it("stops a redirect loop", async () => {
    const error = await createOutboundHttpClient({ allowPrivateNetwork: true, maxRedirects: 3 }).request({ method: "GET", url: `${base}/loop` }).catch((e) => e);
    expect(error.code).toBe("too_many_redirects");
  });

  it("refuses a response larger than the limit", async () => {
    const error = await createOutboundHttpClient({ allowPrivateNetwork: true, maxResponseBytes: 1024 }).request({ method: "GET", url: `${base}/big` }).catch((e) => e);
    expect(error.code).toBe("too_large");
  });

  it("refuses non-HTTP schemes and malformed URLs", async () => {
    expect((await allowed.request({ method: "GET", url: "file:///etc/passwd" }).catch((e) => e)).code).toBe("bad_url");
    expect((await allowed.request({ method: "GET", url: "not a url" }).catch((e) => e)).message).toMatch(/not a valid URL/);
  });
});
