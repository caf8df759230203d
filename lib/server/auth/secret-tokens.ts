// Single-use secrets sent by mail (password reset, later invitations): 256 random bits,
// stored only as a SHA-256 hash, so a database leak does not leak working links.
import { createHash, randomBytes } from "node:crypto";

export function newSecretToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
