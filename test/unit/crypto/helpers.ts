import { randomBytes } from "node:crypto";
import { LocalKeyManagementService, type SecretContext } from "../../../lib/server/crypto";

export const newKey = () => randomBytes(32).toString("base64");

export function kmsWith(...keys: [id: string, base64: string][]): LocalKeyManagementService {
  return new LocalKeyManagementService(keys.map(([id, base64]) => ({ id, base64 })));
}

export const ctx: SecretContext = {
  organizationId: "org_a",
  environmentId: "env_dev",
  objectType: "connection",
  objectId: "conn_123",
  field: "password",
};

/** Flips one bit of one byte of a base64url part, keeping the string well-formed. */
export function flipByteInPart(record: string, partIndex: number, byteIndex = 0): string {
  const parts = record.split(".");
  const bytes = Buffer.from(parts[partIndex], "base64url");
  bytes[byteIndex % bytes.length] ^= 0x01;
  parts[partIndex] = bytes.toString("base64url");
  return parts.join(".");
}
