// Properties that must hold for any input: the address classifier agrees across IPv4 and
// its IPv6-mapped form, and templating round-trips data it does not touch.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAddress } from "../../../lib/operators/http/classify-address";
import { renderFields } from "../../../lib/operators/templating/render-fields";
import { checkXComSize, serializeXCom, XComError } from "../../../lib/operators/xcom/xcom-limits";

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));

describe("classifyAddress properties", () => {
  it("an IPv4 address and its IPv4-mapped IPv6 form are classified alike", () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (o) => {
        const v4 = o.join(".");
        const hex = `${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
        expect(classifyAddress(`::ffff:${v4}`)).toBe(classifyAddress(v4));
        expect(classifyAddress(`::ffff:${hex}`)).toBe(classifyAddress(v4));
      }),
    );
  });

  it("nothing in 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16 or 100.64/10 is public", () => {
    const inRange = fc.oneof(
      fc.tuple(octet, octet, octet).map(([a, b, c]) => `10.${a}.${b}.${c}`),
      fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}`),
      fc.tuple(octet, octet).map(([a, b]) => `169.254.${a}.${b}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([a, b, c]) => `172.${a}.${b}.${c}`),
      fc.tuple(octet, octet).map(([a, b]) => `192.168.${a}.${b}`),
      fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([a, b, c]) => `100.${a}.${b}.${c}`),
    );
    fc.assert(fc.property(inRange, (ip) => {
      expect(classifyAddress(ip)).not.toBe("public");
    }));
  });

  it("any fc00::/7 or fe80::/10 address is refused", () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const v6 = fc.tuple(fc.integer({ min: 0xfc00, max: 0xfdff }), fc.array(group, { minLength: 7, maxLength: 7 })).map(([head, rest]) => [head.toString(16), ...rest].join(":"));
    fc.assert(fc.property(v6, (ip) => {
      expect(["unique-local", "cloud-metadata"]).toContain(classifyAddress(ip));
    }));
    fc.assert(fc.property(ipv4, (ip) => {
      expect(classifyAddress(`fe80::${ip}`)).toBe("link-local");
    }));
  });
});

describe("templating properties", () => {
  it("text without template syntax comes back unchanged (one trailing newline dropped, as Jinja does)", async () => {
    const text = fc.string().filter((s) => !s.includes("{{") && !s.includes("{%") && !s.includes("{#"));
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const { v } = await renderFields({ v: s }, {});
        expect(v).toBe(s.endsWith("\r\n") ? s.slice(0, -2) : s.endsWith("\n") ? s.slice(0, -1) : s);
      }),
      { numRuns: 50 },
    );
  });

  it("tojson of any JSON value parses back to the same value", async () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        const { v } = await renderFields({ v: "{{ value | tojson }}" }, { value });
        expect(JSON.parse(v)).toEqual(value);
      }),
      { numRuns: 40 },
    );
  });

  it("a rendered string is printed verbatim: strings in the context never run as templates", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (s) => {
        const { v } = await renderFields({ v: "{{ value }}" }, { value: s });
        expect(v).toBe(s);
      }),
      { numRuns: 40 },
    );
  });
});

describe("XCom size properties", () => {
  it("accepts exactly the values whose UTF-8 JSON fits the limit", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 1, max: 400 }), (value, limit) => {
        const json = JSON.stringify(value);
        if (json === undefined) return;
        const size = Buffer.byteLength(json, "utf8");
        if (size <= limit) expect(serializeXCom("t", "k", value, limit)).toBe(json);
        else expect(() => checkXComSize("t", "k", json, limit)).toThrow(XComError);
      }),
    );
  });
});
