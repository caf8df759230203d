// `DELETE …/connections/{connection_id}`: removes the row and its sealed secrets.
import { mutate, type Access } from "../../authz";
import { requireConnectionRow, scopeWhere } from "./connection-store";

export async function deleteConnection(access: Access<"connection.write">, connectionId: string): Promise<void> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const row = await requireConnectionRow(scope, connectionId);
  await mutate(access, "connection.delete", { type: "connection", id: row.id }, async (tx, audit) => {
    audit.summary = { connection_id: connectionId, conn_type: row.connType, secrets_set: row.secretsSet };
    await tx.connection.deleteMany({ where: { id: row.id, ...scopeWhere(scope) } });
  });
}
