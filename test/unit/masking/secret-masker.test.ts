import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MaskingWriter, maskingLogger, SecretMasker } from "../../../lib/operators/secrets";

const SECRET = "p@ss w0rd/+&=\"é";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");

/** The four encodings the issue names, in the forms they take in real output. */
const ENCODINGS: Record<string, string> = {
  plain: SECRET,
  base64: b64(SECRET),
  "base64 without padding": b64(SECRET).replace(/=+$/, ""),
  "base64url with padding": b64url(SECRET) + "=".repeat((4 - (b64url(SECRET).length % 4)) % 4),
  base64url: b64url(SECRET),
  encodeURIComponent: encodeURIComponent(SECRET),
  "form encoding": new URLSearchParams({ a: SECRET }).toString().slice(2),
  "lower-case percent-encoding": encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  "JSON-escaped": JSON.stringify(SECRET).slice(1, -1),
  "JSON ensure_ascii (Python)": JSON.stringify(SECRET).slice(1, -1).replace("é", "\\u00e9"),
};

function masker(...secrets: string[]) {
  const m = new SecretMasker();
  for (const s of secrets) m.add(s);
  return m;
}

describe("a planted secret in every encoding becomes ***", () => {
  const m = masker(SECRET);

  it.each(Object.entries(ENCODINGS))("in a log line: %s", (_name, encoded) => {
    expect(m.redact(`connecting with ${encoded} now`)).toBe("connecting with *** now");
  });

  it.each(Object.entries(ENCODINGS))("in rendered template fields, deep: %s", (_name, encoded) => {
    const rendered = { endpoint: `https://x.example/?q=${encoded}`, headers: { "X-Trace": [`a ${encoded}`, 1, null, true] }, data: [[{ body: encoded }]] };
    expect(m.redactValue(rendered)).toEqual({ endpoint: "https://x.example/?q=***", headers: { "X-Trace": ["a ***", 1, null, true] }, data: [[{ body: "***" }]] });
  });

  it.each(Object.entries(ENCODINGS))("in an XCom view (JSON): %s", (_name, encoded) => {
    const xcom = JSON.stringify({ result: { auth: `Bearer ${encoded}`, list: [encoded] }, rows: 3 });
    expect(JSON.parse(m.redactJson(xcom))).toEqual({ result: { auth: "Bearer ***", list: ["***"] }, rows: 3 });
  });

  it("inside a Basic auth header, whatever the login before it", () => {
    for (const login of ["u", "us", "usr", "admin@example.com"]) {
      const header = `Authorization: Basic ${b64(`${login}:${SECRET}`)}`;
      const masked = m.redact(header);
      expect(masked).toContain("***");
      // What is left of the encoded secret is at most the two characters at each edge.
      const left = masked.replace("Authorization: Basic ", "").replace("***", "");
      expect(left.length).toBeLessThanOrEqual(b64(`${login}:`).length + 4);
    }
  });

  it("a JSON string holding a JSON document with the secret (double-encoded)", () => {
    const inner = JSON.stringify({ password: SECRET });
    expect(m.redactJson(JSON.stringify({ payload: inner }))).not.toContain("w0rd");
  });

  it("XCom text that is not JSON is masked as text", () => {
    expect(m.redactJson(`not json ${SECRET}`)).toBe("not json ***");
  });
});

describe("Airflow's rules for what gets masked", () => {
  it("skips values shorter than 5 characters, so short values cause no false positives", () => {
    const m = masker("abcd", "1234", "x", "");
    expect(m.size).toBe(0);
    expect(m.redact("abcd 1234 x")).toBe("abcd 1234 x");
    const five = masker("abcde");
    expect(five.redact("xxabcdexx")).toBe("xx***xx");
  });

  it("never masks the words airflow or windsock", () => {
    const m = masker("Airflow", "windsock");
    expect(m.redact("Airflow and Windsock and windsock")).toBe("Airflow and Windsock and windsock");
  });

  it("a value registered under a name is masked only if the name looks secret", () => {
    const m = new SecretMasker();
    m.add("visible-value", "region_name");
    m.add("hidden-value", "my_api_key");
    m.add({ user: "public-user", password: "hidden-password", nested: { token: "hidden-token" } });
    m.add(["hidden-in-list"], "secret_list");
    m.add(12345678);
    expect(m.redact("visible-value hidden-value public-user hidden-password hidden-token hidden-in-list 12345678")).toBe(
      "visible-value *** public-user *** *** *** 12345678",
    );
  });

  it("addAll masks every string of a secret variable's JSON, whatever the keys", () => {
    const m = new SecretMasker();
    m.addAll({ user: "service-user", nested: ["deep-value"] });
    expect(m.redact("service-user deep-value")).toBe("*** ***");
  });

  it("sensitive keys mask whole values in rendered fields, as Airflow's redact() does", () => {
    const m = new SecretMasker({ sensitiveNames: ["x-api-key"] });
    expect(m.redactValue({ headers: { "X-API-Key": "abc", Authorization: ["Bearer x"], Accept: "json" }, retries: 3 })).toEqual({
      headers: { "X-API-Key": "***", Authorization: ["***"], Accept: "json" },
      retries: 3,
    });
  });

  it("does not give up on deep or cyclic values", () => {
    const m = masker("deep-secret");
    let deep: unknown = "deep-secret";
    for (let i = 0; i < 20; i++) deep = { level: [deep] };
    expect(JSON.stringify(m.redactValue(deep))).not.toContain("deep-secret");
    const cyclic: Record<string, unknown> = { a: "deep-secret" };
    cyclic.self = cyclic;
    expect(m.redactValue(cyclic)).toEqual({ a: "***", self: "***" });
  });
});

describe("overlapping secrets", () => {
  it("mask the union of their spans, leaving no piece of either", () => {
    const m = masker("abcdefgh", "efghijkl");
    expect(m.redact("xx abcdefghijkl yy")).toBe("xx *** yy");
    expect(m.redact("efghijkl abcdefgh")).toBe("*** ***");
  });

  it("a secret inside another masks the longer one whole", () => {
    const m = masker("supersecretvalue", "secret-ish", "secre");
    expect(m.redact("supersecretvalue secret-ish secre")).toBe("*** *** ***");
  });

  it("property: no registered secret survives in any text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 5, maxLength: 12, unit: fc.constantFrom("a", "b", "c", "-", "é") }), { minLength: 1, maxLength: 4 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }), (secrets, fillers) => {
        const m = masker(...secrets);
        const text = secrets.map((s, i) => (fillers[i] ?? "") + s).join("") + (fillers.at(-1) ?? "");
        const out = m.redact(text);
        for (const s of secrets) expect(out).not.toContain(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the streaming log writer", () => {
  function stream(m: SecretMasker, chunks: string[], maxHoldChars?: number) {
    const out: string[] = [];
    const w = new MaskingWriter(m, (t) => out.push(t), { maxHoldChars });
    for (const c of chunks) w.write(c);
    const beforeFlush = out.join("");
    w.flush();
    return { all: out.join(""), beforeFlush, writer: w };
  }

  it("catches a secret split across two write() calls, at every split point", () => {
    const m = masker(SECRET);
    const line = `token ${SECRET} and ${b64(SECRET)}\n`;
    for (let i = 0; i <= line.length; i++) {
      expect(stream(m, [line.slice(0, i), line.slice(i)]).all).toBe("token *** and ***\n");
    }
  });

  it("catches a secret written one character at a time", () => {
    const m = masker(SECRET);
    expect(stream(m, [...`a${SECRET}b${encodeURIComponent(SECRET)}c`]).all).toBe("a***b***c");
  });

  it("emits complete lines at once, and holds back only a possible secret's start", () => {
    const m = masker("0123456789abcdef");
    const { beforeFlush, writer } = stream(m, ["line one\nline two 0123"]);
    expect(beforeFlush).toBe("line one\n");
    expect(writer.held).toBe(0); // flushed
    const partial: string[] = [];
    const w = new MaskingWriter(m, (t) => partial.push(t));
    w.write("x".repeat(1000));
    expect(w.held).toBeLessThan(m.longestForm);
    expect(partial.join("").length).toBe(1000 - w.held);
  });

  it("holds at most maxHoldChars however long the secrets", () => {
    const long = "k".repeat(50) + "-private-key-material";
    const m = masker(long);
    const w = new MaskingWriter(m, () => {}, { maxHoldChars: 10 });
    w.write("z".repeat(500));
    expect(w.held).toBeLessThanOrEqual(10);
  });

  it("masks a multi-line secret (a PEM key) split across writes", () => {
    const pem = "-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----";
    const m = masker(pem);
    expect(stream(m, ["key:\n-----BEGIN KEY-----\nMIIE", "vQIBADANBg\n-----END KEY-----\ndone\n"]).all).toBe("key:\n***\ndone\n");
  });

  it("masks overlapping secrets split across writes", () => {
    const m = masker("abcdefgh", "efghijkl");
    for (let i = 0; i <= 14; i++) {
      const text = "xx abcdefghijkl yy";
      expect(stream(m, [text.slice(0, i), text.slice(i)]).all).toBe("xx *** yy");
    }
  });

  it("property: random chunking never changes the masked output", () => {
    const m = masker("s3cr3t-value", "another-secret");
    const text = `a s3cr3t-value b ${b64("another-secret")} c\n${encodeURIComponent("s3cr3t-value")}\n`;
    const expected = m.redact(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 10 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let at = 0;
        for (const p of points) {
          chunks.push(text.slice(at, p));
          at = p;
        }
        chunks.push(text.slice(at));
        expect(stream(m, chunks).all).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("a task logger wrapper masks every message", () => {
    const lines: string[] = [];
    const log = maskingLogger({ log: (level, message) => lines.push(`${level}: ${message}`) }, masker(SECRET));
    log.log("info", `password is ${SECRET}`);
    expect(lines).toEqual(["info: password is ***"]);
  });
});
