// `POST …/variables`: a new variable; a secret value is sealed before the row is written.
import { randomUUID } from "node:crypto";
import { mutate, type Access } from "../../authz";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { parseCreateVariable } from "./variable-input";
import { sealVariableValue, variableRowSelect, variableView, type VariableView } from "./variable-store";

export async function createVariable(access: Access<"variable.write">, body: Record<string, unknown>): Promise<VariableView> {
  const variable = parseCreateVariable(body);
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const id = randomUUID();
  const stored = await sealVariableValue(scope, id, variable.value, variable.secret);
  try {
    const row = await mutate(access, "variable.create", { type: "variable", id }, async (tx, audit) => {
      audit.summary = { key: variable.key, is_secret: variable.secret, has_description: !!variable.description };
      return tx.variable.create({
        data: { id, ...scope, key: variable.key, description: variable.description ?? "", isSecret: variable.secret, ...stored },
        select: variableRowSelect,
      });
    });
    return variableView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A variable "${variable.key}" already exists in this environment. Change it with PATCH, or pick another key.`, { key: "is already used in this environment" });
    }
    throw error;
  }
}
