import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatConnectionUri, importConnectionUri, parseConnection, parseConnectionUri, toAirflowFields, type Connection } from "../../../lib/domain/connections";

const anyText = fc.string({ unit: "binary", minLength: 1, maxLength: 40 });
// Airflow lower-cases host names on parse (urlsplit's hostname), so hosts are generated lower-case.
const hostName = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,30}$/);
const jsonValue = fc.jsonValue({ maxDepth: 3 }).filter((v) => !Number.isFinite(v as number) || Number.isInteger(v) || typeof v !== "number");

describe("URI round trip (property)", () => {
  it("any login, password and schema survive percent-encoding, as do nested extra values", () => {
    let checked = 0;
    fc.assert(
      fc.property(hostName, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), anyText, anyText, anyText, fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.array(jsonValue, { maxLength: 3 }), { maxKeys: 3 }), (host, port, login, password, schema, extra) => {
        const parsed = parseConnection({ connection_id: "p", conn_type: "generic", host, port, login, password, schema, extra });
        if (!parsed.ok) return; // e.g. an extra too large; validation is tested elsewhere
        const c: Connection = parsed.connection;
        const uri = formatConnectionUri(toAirflowFields(c));
        const back = importConnectionUri("p", uri);
        expect(back).toEqual({ ok: true, connection: c });
        checked++;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(250);
  });

  it("parse is total on strings: a value or a ConnectionUriError, never another exception", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        for (const uri of [s, `postgres://${s}`, `http://https://${s}`]) {
          try {
            parseConnectionUri(uri);
          } catch (e) {
            expect((e as Error).name).toBe("ConnectionUriError");
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
