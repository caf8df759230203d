// Configuration, parsed and validated once (STYLE.md habit 9). Nothing else in the
// code base reads process.env: infra/ scripts pass everything in through it.
import { z } from "zod";
import { parseMasterKeyList, resolveMasterKeys } from "./crypto/master-keys";

const port = z.coerce.number().int().min(1).max(65535);
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required: the PostgreSQL connection URL, e.g. postgresql://user:pass@host:5432/windsock" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL, e.g. postgresql://user:pass@host:5432/windsock"),
  TEMPORAL_ADDRESS: z
    .string({ error: "is required: host:port of the Temporal frontend, e.g. 127.0.0.1:7233" })
    .regex(/^[^\s:/]+:\d+$/, "must be host:port, e.g. 127.0.0.1:7233 or my-ns.a1b2c.tmprl.cloud:7233"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default("windsock"),
  TEMPORAL_TLS: bool.default(false),
  TEMPORAL_API_KEY: z.string().optional(),
  PORT: port.default(3000),
  APP_URL: z.url({ error: "must be the public base URL of the web app, e.g. https://windsock.example.com" }).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (npm start generates one into .data/secrets.json)").optional(),
  // next-auth: the public URL of the auth routes (read by next-auth itself as well) and
  // whether to trust the Host / X-Forwarded-Host header (true behind a proxy that sets it).
  AUTH_URL: z.url({ error: "must be the public base URL of the web app, e.g. https://windsock.example.com" }).optional(),
  AUTH_TRUST_HOST: bool.default(false),
  WINDSOCK_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 random bytes in base64 (npm start generates one into .data/secrets.json)")
    .optional(),
  // Several master keys at once, for rotation: "id:base64,id:base64", the current one first.
  // Without it, WINDSOCK_MASTER_KEY alone is the key ring, with key id "k1".
  WINDSOCK_MASTER_KEYS: z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parseMasterKeyList(value);
      if (!parsed.ok) for (const problem of parsed.problems) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  SMTP_URL: z.url({ error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().default("Windsock <no-reply@windsock.local>"),
  OUTBOX_DIR: z.string().default(".data/outbox"),
  ALLOW_PRIVATE_NETWORK: bool.default(false),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Worker threads that run sandboxed scripts (0: on the worker's main thread). Default: the
  // machine's cores, at most 4.
  WINDSOCK_SANDBOX_THREADS: z.coerce.number().int().min(0, "must be 0 (no threads) or more").max(64).optional(),
}).superRefine((config, ctx) => {
  // Both master key variables set: the single key must be in the list (lib/server/crypto/master-keys.ts).
  if (!config.WINDSOCK_MASTER_KEYS || !config.WINDSOCK_MASTER_KEY || !parseMasterKeyList(config.WINDSOCK_MASTER_KEYS).ok) return;
  const resolved = resolveMasterKeys(config);
  if (!resolved.ok) for (const problem of resolved.problems) ctx.addIssue({ code: "custom", path: ["WINDSOCK_MASTER_KEY"], message: problem.replace(/^WINDSOCK_MASTER_KEY /, "") });
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee README.md, "Configuration".`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; every missing or malformed variable is named at once. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that build their own configuration. */
export function resetEnvForTests(): void {
  cached = undefined;
}
