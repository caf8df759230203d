// The connection form's fields become the API body with the write-only rules: on edit an
// empty secret keeps the stored value (left out), a ticked "clear" box sends null, an
// emptied plain field sends null; http sends only the fields of the chosen auth type.
import { describe, expect, it } from "vitest";
import { connectionBodyFromForm } from "../../../app/o/[org]/w/[ws]/e/[env]/connections/form-body";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("connection form body", () => {
  it("create: typed values, empty fields left out", () => {
    expect(
      connectionBodyFromForm(form({ connection_id: " db ", conn_type: "postgres", "f.host": "h", "f.port": "5433", "f.login": "u", "f.password": "", "f.schema": "", extra: '{"a": 1}' }), "create"),
    ).toEqual({ ok: true, body: { connection_id: "db", conn_type: "postgres", host: "h", port: 5433, login: "u", extra: { a: 1 } } });
  });

  it("edit: a blank secret is kept, a ticked clear box clears it, emptied plain fields clear", () => {
    const kept = connectionBodyFromForm(form({ conn_type: "postgres", "f.host": "h", "f.password": "" }), "edit");
    expect(kept.ok && kept.body).toEqual({ conn_type: "postgres", description: null, host: "h", port: null, login: null, schema: null, sslmode: null, extra: {} });
    expect(kept.ok && "password" in kept.body).toBe(false);
    const cleared = connectionBodyFromForm(form({ conn_type: "postgres", "f.host": "h", "f.password": "", "clear.password": "on" }), "edit");
    expect(cleared.ok && cleared.body.password).toBeNull();
    const replaced = connectionBodyFromForm(form({ conn_type: "postgres", "f.host": "h", "f.password": "new-secret" }), "edit");
    expect(replaced.ok && replaced.body.password).toBe("new-secret");
  });

  it("http: fields of other auth types are cleared on edit and left out on create", () => {
    const edit = connectionBodyFromForm(form({ conn_type: "http", "f.base_url": "https://api.example.com", "f.auth_type": "bearer", "f.token": "" }), "edit");
    expect(edit.ok && edit.body).toMatchObject({ auth_type: "bearer", login: null, password: null, header_name: null, header_value: null });
    expect(edit.ok && "token" in edit.body).toBe(false);
    const create = connectionBodyFromForm(form({ connection_id: "api", conn_type: "http", "f.base_url": "https://api.example.com", "f.auth_type": "none", "f.token": "stale" }), "create");
    expect(create.ok && create.body).toEqual({ connection_id: "api", conn_type: "http", base_url: "https://api.example.com", auth_type: "none" });
  });

  it("names a malformed extra and an unknown type", () => {
    expect(connectionBodyFromForm(form({ conn_type: "generic", extra: "{nope" }), "create")).toEqual({ ok: false, fields: { extra: expect.stringMatching(/Not valid JSON/) } });
    expect(connectionBodyFromForm(form({ conn_type: "generic", extra: "[1]" }), "create")).toEqual({ ok: false, fields: { extra: expect.stringMatching(/JSON object/) } });
    expect(connectionBodyFromForm(form({ conn_type: "ftp" }), "create")).toEqual({ ok: false, fields: { conn_type: expect.stringMatching(/Choose one of/) } });
  });
});
