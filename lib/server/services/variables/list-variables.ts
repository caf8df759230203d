// `GET …/variables`: the environment's variables ordered by key; secret values masked.
import type { Access } from "../../authz";
import { db } from "../../db";
import { scopeWhere } from "../connections/connection-store";
import type { ListQuery } from "../connections/list-query";
import { variableRowSelect, variableView, type VariableView } from "./variable-store";

export async function listVariables(access: Access<"variable.read" | "variable.write">, query: ListQuery = { limit: 100, offset: 0 }): Promise<{ variables: VariableView[]; total_entries: number }> {
  const where = scopeWhere({ organizationId: access.organization.id, environmentId: access.environment.id });
  const [total, rows] = await Promise.all([
    db().variable.count({ where }),
    db().variable.findMany({ where, orderBy: { key: "asc" }, skip: query.offset, take: query.limit, select: variableRowSelect }),
  ]);
  return { variables: rows.map(variableView), total_entries: total };
}
