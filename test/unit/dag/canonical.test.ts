import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex, specHash } from "../../../lib/domain/dag/canonical";
import { validate } from "./helpers";

describe("sha256 (pure JS)", () => {
  it("matches the FIPS 180-2 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });
});

describe("canonical serialization", () => {
  it("is byte-stable whatever the key order and formatting of the file", () => {
    const a = validate('dag_id: d\nschedule: "@daily"\ntags: [x]\ntasks:\n  - { task_id: a, operator: empty, retries: 2 }\n').spec!;
    const b = validate('{"tasks": [{"retries": 2, "operator": "empty", "task_id": "a"}], "tags": ["x"], "schedule": "@daily", "dag_id": "d"}').spec!;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(specHash(a)).toBe(specHash(b));
    expect(specHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes the hash when anything meaningful changes", () => {
    const base = 'dag_id: d\nschedule: "@daily"\ntasks:\n  - { task_id: a, operator: empty, retries: 2 }\n';
    const h = specHash(validate(base).spec!);
    expect(specHash(validate(base.replace("retries: 2", "retries: 3")).spec!)).not.toBe(h);
    expect(specHash(validate(base.replace("@daily", "@hourly")).spec!)).not.toBe(h);
    // The same file means something else under Airflow 2 defaults, so it is another version.
    expect(specHash(validate(base, "airflow2").spec!)).not.toBe(h);
  });

  it("sorts keys recursively, drops undefined, and round-trips through JSON.parse", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(text).not.toMatch(/\n/);
      }),
    );
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"z":1}]},"b":1}');
  });
});
