import { describe, expect, it } from "vitest";
import { LocalKeyManagementService, parseMasterKeyList, resolveMasterKeys } from "../../../lib/server/crypto";
import { ConfigError, parseEnv } from "../../../lib/server/env";
import { newKey } from "./helpers";

const base = { DATABASE_URL: "postgresql://u:p@localhost:5432/windsock", TEMPORAL_ADDRESS: "127.0.0.1:7233" };

function configProblems(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.join("\n");
  }
  throw new Error("expected a configuration error");
}

describe("master keys from configuration", () => {
  it("the single WINDSOCK_MASTER_KEY is key id k1", () => {
    const key = newKey();
    const kms = LocalKeyManagementService.fromConfig(parseEnv({ ...base, WINDSOCK_MASTER_KEY: key }));
    expect(kms.currentKeyId).toBe("k1");
    expect(kms.keyIds).toEqual(["k1"]);
  });

  it("WINDSOCK_MASTER_KEYS gives several keys, the first one current", () => {
    const [a, b] = [newKey(), newKey()];
    const kms = LocalKeyManagementService.fromConfig(parseEnv({ ...base, WINDSOCK_MASTER_KEYS: ` k2:${a} , k1:${b}` }));
    expect(kms.currentKeyId).toBe("k2");
    expect(kms.keyIds).toEqual(["k2", "k1"]);
  });

  it("both variables may be set while migrating, when the single key is in the list", () => {
    const [a, b] = [newKey(), newKey()];
    const env = parseEnv({ ...base, WINDSOCK_MASTER_KEY: b, WINDSOCK_MASTER_KEYS: `k2:${a},k1:${b}` });
    expect(LocalKeyManagementService.fromConfig(env).keyIds).toEqual(["k2", "k1"]);
  });

  it("refuses a list that would orphan data written under the single key", () => {
    const [a, b] = [newKey(), newKey()];
    const problems = configProblems({ ...base, WINDSOCK_MASTER_KEY: b, WINDSOCK_MASTER_KEYS: `k2:${a}` });
    expect(problems).toMatch(/WINDSOCK_MASTER_KEY is set but is not one of WINDSOCK_MASTER_KEYS: add it to the list as "k1:<that key>"/);
    expect(problems).not.toContain(a);
    expect(problems).not.toContain(b);
  });

  it("names every malformed entry without echoing key material", () => {
    const good = newKey();
    const problems = configProblems({ ...base, WINDSOCK_MASTER_KEYS: `k2:${good},k2:${newKey()},bad.id:${newKey()},k3:notbase64,nocolon` });
    expect(problems).toMatch(/WINDSOCK_MASTER_KEYS entry 2 repeats key id "k2"/);
    expect(problems).toMatch(/entry 3 has key id "bad.id"/);
    expect(problems).toMatch(/entry 4 \(key id "k3"\) is not 32 bytes in base64/);
    expect(problems).toMatch(/entry 5 must be "<key id>:<32 bytes in base64>"/);
    expect(problems).not.toContain(good);
    expect(problems).not.toContain("notbase64");
  });

  it("no key configured: the key service says how to add one", () => {
    expect(resolveMasterKeys({})).toEqual({ ok: true, keys: [] });
    expect(() => LocalKeyManagementService.fromConfig(parseEnv(base))).toThrow(/set WINDSOCK_MASTER_KEY/);
    expect(parseMasterKeyList(`k1:${newKey()}`).ok).toBe(true);
  });
});
