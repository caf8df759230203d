// `GET …/variables/{key}`: one variable; a secret one's value is masked ("***").
import type { Access } from "../../authz";
import { requireVariableRow, variableView, type VariableView } from "./variable-store";

export async function getVariable(access: Access<"variable.read" | "variable.write">, key: string): Promise<VariableView> {
  return variableView(await requireVariableRow({ organizationId: access.organization.id, environmentId: access.environment.id }, key));
}
