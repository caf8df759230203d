// Password hashing (argon2id) and the password policy. Parameters: OWASP's argon2id
// baseline (19 MiB, 2 passes, 1 lane): ~50-90 ms per hash on our 2-core machines, which
// with per-account and per-address rate limits makes online guessing useless and keeps
// a login cheap enough for the web tier. The parameters live in each hash, so raising
// them later only needs new hashes (rehash on login), never a migration.
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id; a const enum that isolatedModules cannot import
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a corrupt hash must never let anybody in
  }
}

// Made when this module loads, so even the first unknown-email login is not faster.
let dummyHash: Promise<string> | undefined;

/**
 * Does the same work as a real verification, for an email that has no account, so a
 * login for an unknown email takes as long as one with a wrong password.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= makeDummyHash();
  await verifyPassword(await dummyHash, password);
  return false;
}

function makeDummyHash(): Promise<string> {
  return hashPassword("windsock-dummy-password-for-timing");
}
dummyHash = makeDummyHash();
dummyHash.catch(() => (dummyHash = undefined)); // retried on first use

// The most common passwords that pass the length rule (from public breach top lists).
const COMMON = new Set([
  "1234567890", "12345678910", "0123456789", "1q2w3e4r5t", "qwertyuiop", "1qaz2wsx3edc", "password123", "password12",
  "password1234", "iloveyou123", "qwerty1234", "qwerty12345", "abcdefghij", "abc1234567", "passw0rd123", "letmein123",
  "welcome123", "administrator", "changeme123", "football123", "baseball123", "monkey12345", "dragon12345", "sunshine123",
  "princess123", "trustno1234", "1111111111", "0000000000", "aaaaaaaaaa", "windsock123", "airflow123", "password!!",
]);

/**
 * NIST SP 800-63B style: length matters, composition rules do not. Returns the problem
 * in words a user can act on, or null when the password is acceptable.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable password.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return "This password is too common. Choose something less predictable.";
  const emailName = context.email?.split("@")[0]?.toLowerCase();
  if (lower === context.email?.toLowerCase() || (emailName && emailName.length >= 4 && lower === emailName)) {
    return "Your password must not be your email address.";
  }
  return null;
}
