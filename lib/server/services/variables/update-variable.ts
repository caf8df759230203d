// `PATCH …/variables/{key}`: `value`, `description` and `is_secret` left out keep their
// values; `description: null` clears it. A secret value is never decrypted to apply a
// patch: it stays sealed unless a new value is sent.
import { mutate, type Access } from "../../authz";
import { parsePatchVariable } from "./variable-input";
import { requireVariableRow, sealVariableValue, variableRowSelect, variableView, type VariableView } from "./variable-store";

export async function updateVariable(access: Access<"variable.write">, key: string, patch: Record<string, unknown>): Promise<VariableView> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const stored = await requireVariableRow(scope, key);
  const { variable, value } = parsePatchVariable({ key: stored.key, description: stored.description, isSecret: stored.isSecret, plainValue: stored.isSecret ? null : stored.value }, patch);
  const valueColumns = value === undefined ? {} : await sealVariableValue(scope, stored.id, value, variable.secret);
  const row = await mutate(access, "variable.update", { type: "variable", id: stored.id }, async (tx, audit) => {
    const changed = [
      ...(value !== undefined && (stored.isSecret || variable.secret || value !== stored.value) ? ["value"] : []),
      ...((variable.description ?? "") !== stored.description ? ["description"] : []),
      ...(variable.secret !== stored.isSecret ? ["is_secret"] : []),
    ];
    audit.summary = { key, changed, is_secret: variable.secret };
    return tx.variable.update({
      where: { id: stored.id, ...scope },
      data: { description: variable.description ?? "", isSecret: variable.secret, ...valueColumns },
      select: variableRowSelect,
    });
  });
  return variableView(row);
}
