import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../../../lib/server/env";

const valid = { DATABASE_URL: "postgresql://u:p@localhost:5432/windsock", TEMPORAL_ADDRESS: "127.0.0.1:7233" };

describe("configuration", () => {
  it("applies defaults to a minimal valid environment", () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.TEMPORAL_NAMESPACE).toBe("default");
    expect(env.TEMPORAL_TASK_QUEUE).toBe("windsock");
    expect(env.ALLOW_PRIVATE_NETWORK).toBe(false);
  });

  it("names every missing or malformed variable at once, with how to fix it", () => {
    let error: unknown;
    try {
      parseEnv({ TEMPORAL_ADDRESS: "not an address", PORT: "99999", AUTH_SECRET: "short" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/DATABASE_URL is required/);
    expect(problems).toMatch(/TEMPORAL_ADDRESS must be host:port/);
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect((error as ConfigError).message).toMatch(/README\.md/);
  });

  it("rejects a database URL that is not PostgreSQL", () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://x@y/z" })).toThrow(/DATABASE_URL must be a postgresql:\/\/ URL/);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ ...valid, PORT: "" }).PORT).toBe(3000);
  });

  it("parses booleans strictly", () => {
    expect(parseEnv({ ...valid, ALLOW_PRIVATE_NETWORK: "true" }).ALLOW_PRIVATE_NETWORK).toBe(true);
    expect(() => parseEnv({ ...valid, ALLOW_PRIVATE_NETWORK: "yes please" })).toThrow(/ALLOW_PRIVATE_NETWORK/);
  });
});
