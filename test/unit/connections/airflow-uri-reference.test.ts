// Our connection URI parser and formatter against Apache Airflow 3.1.8, on cases dumped by
// fixtures/dump-airflow-connection-uris.py (the examples of Airflow's "Managing Connections"
// guide, percent-encoding, hosts with a protocol, __extra__, IPv6, errors).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConnectionUriError, formatConnectionUri, parseConnectionUri, type AirflowConnectionFields } from "../../../lib/domain/connections";

interface Fixture {
  parse: ({ uri: string; expected: AirflowConnectionFields; uri_again: string } | { uri: string; error: string })[];
  format: { connection: AirflowConnectionFields; expected: string }[];
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/airflow-connection-uris.json", import.meta.url), "utf8")) as Fixture;
const fill = (c: Partial<AirflowConnectionFields>): AirflowConnectionFields => ({
  conn_type: null, host: null, login: null, password: null, schema: null, port: null, extra: null, ...c,
});

describe("parse a connection URI as Airflow 3.1.8 does", () => {
  for (const c of fixture.parse) {
    if ("error" in c) {
      it(`rejects ${c.uri}`, () => {
        let error: unknown;
        try {
          parseConnectionUri(c.uri);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ConnectionUriError);
        // Airflow echoes the URI (and its password) in this error; we never do.
        expect((error as Error).message).not.toContain(c.uri);
        expect((error as Error).message).not.toMatch(/user:pass|user:pw/);
      });
      continue;
    }
    it(`parses ${c.uri}`, () => {
      const parsed = parseConnectionUri(c.uri);
      expect(parsed).toEqual(c.expected);
      expect(formatConnectionUri(parsed)).toBe(c.uri_again);
    });
  }
});

describe("format a connection URI as Airflow 3.1.8 does", () => {
  for (const c of fixture.format) {
    it(`formats ${c.expected}`, () => {
      expect(formatConnectionUri(fill(c.connection))).toBe(c.expected);
    });
  }
});

describe("round trips", () => {
  it("format then parse gives back every field of each case", () => {
    for (const c of fixture.format) {
      const conn = fill(c.connection);
      const back = parseConnectionUri(formatConnectionUri(conn));
      expect(back.conn_type).toBe(conn.conn_type!.replace(/-/g, "_"));
      if (conn.login) expect(back.login).toBe(conn.login);
      expect(back.password).toBe(conn.password);
      expect(back.port).toBe(conn.port);
      expect(back.schema || null).toBe(conn.schema);
      expect(back.host || null).toBe(conn.host);
      if (!conn.extra) continue;
      // A flattened string parameter that parses as JSON comes back parsed (Airflow does the same).
      const [sent, got] = [JSON.parse(conn.extra), JSON.parse(back.extra!)];
      expect(Object.keys(got)).toEqual(Object.keys(sent));
      for (const [k, v] of Object.entries(sent)) {
        if (typeof v === "string" && typeof got[k] !== "string") expect(got[k]).toEqual(JSON.parse(v));
        else expect(got[k]).toEqual(v);
      }
    }
  });

  it("parse then format then parse is stable for every Airflow example", () => {
    for (const c of fixture.parse) {
      if ("error" in c) continue;
      const once = parseConnectionUri(c.uri);
      expect(parseConnectionUri(formatConnectionUri(once))).toEqual(once);
    }
  });
});
