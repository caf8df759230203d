// `DELETE …/variables/{key}`.
import { mutate, type Access } from "../../authz";
import { scopeWhere } from "../connections/connection-store";
import { requireVariableRow } from "./variable-store";

export async function deleteVariable(access: Access<"variable.write">, key: string): Promise<void> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const row = await requireVariableRow(scope, key);
  await mutate(access, "variable.delete", { type: "variable", id: row.id }, async (tx, audit) => {
    audit.summary = { key, is_secret: row.isSecret };
    await tx.variable.deleteMany({ where: { id: row.id, ...scopeWhere(scope) } });
  });
}
