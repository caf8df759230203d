// The variable store. A plain variable keeps its value in `value`; a secret one (its key
// looks secret, as Airflow decides, or the user said so) only sealed in `sealed_value`,
// bound to organization, environment and the row's id. Every query takes the scope.
import type { Prisma } from "../../../../generated/prisma/client";
import { decryptSecret, encryptSecret, keyIdOf, type KeyManagementService, type SecretContext } from "../../crypto";
import { db } from "../../db";
import { AppError } from "../../errors";
import { scopeWhere, type SecretScope } from "../connections/connection-store";
import { secretsKms } from "../secrets/secrets-kms";

/** What GET shows for a secret variable's value, as Airflow's API and UI redact it. */
export const MASKED_VALUE = "***";

export const variableRowSelect = {
  id: true,
  organizationId: true,
  environmentId: true,
  key: true,
  description: true,
  isSecret: true,
  value: true,
  sealedValue: true,
  keyId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type VariableRow = Prisma.VariableGetPayload<{ select: typeof variableRowSelect }>;

type Reader = Pick<Prisma.TransactionClient, "variable">;

export async function findVariableRow(scope: SecretScope, key: string, client: Reader = db()): Promise<VariableRow | null> {
  if (typeof key !== "string" || key.length === 0 || key.length > 250) return null;
  return client.variable.findFirst({ where: { ...scopeWhere(scope), key }, select: variableRowSelect });
}

export async function requireVariableRow(scope: SecretScope, key: string, client?: Reader): Promise<VariableRow> {
  const row = await findVariableRow(scope, key, client);
  if (!row) throw new AppError("not_found", `There is no variable "${key}" in this environment.`);
  return row;
}

export const variableSecretContext = (scope: SecretScope, rowId: string): SecretContext => ({
  organizationId: scope.organizationId,
  environmentId: scope.environmentId,
  objectType: "variable",
  objectId: rowId,
  field: "value",
});

export async function sealVariableValue(
  scope: SecretScope,
  rowId: string,
  value: string,
  secret: boolean,
  kms: KeyManagementService = secretsKms(),
): Promise<{ value: string | null; sealedValue: string | null; keyId: string | null }> {
  if (!secret) return { value, sealedValue: null, keyId: null };
  const sealed = await encryptSecret(kms, value, variableSecretContext(scope, rowId));
  return { value: null, sealedValue: sealed, keyId: keyIdOf(sealed) };
}

/** The value, decrypted when secret. Callers audit the decrypt (`auditSecretRead`). */
export async function openVariable(row: VariableRow, kms: KeyManagementService = secretsKms()): Promise<string> {
  if (!row.isSecret) return row.value ?? "";
  if (!row.sealedValue) return "";
  return decryptSecret(kms, row.sealedValue, variableSecretContext(row, row.id));
}

/** Airflow's field names; a secret variable's value is masked, never returned. */
export interface VariableView {
  key: string;
  value: string;
  description: string | null;
  is_secret: boolean;
  secrets_set: string[];
  created_at: string;
  updated_at: string;
}

export function variableView(row: VariableRow): VariableView {
  return {
    key: row.key,
    value: row.isSecret ? MASKED_VALUE : (row.value ?? ""),
    description: row.description === "" ? null : row.description,
    is_secret: row.isSecret,
    secrets_set: row.isSecret && row.sealedValue ? ["value"] : [],
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
