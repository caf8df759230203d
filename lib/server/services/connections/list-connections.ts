// `GET …/connections`: the environment's connections, without secrets, ordered by id.
import type { Access } from "../../authz";
import { db } from "../../db";
import { connectionRowSelect, connectionView, scopeWhere, type ConnectionView } from "./connection-store";
import type { ListQuery } from "./list-query";

export async function listConnections(
  access: Access<"connection.read" | "connection.write">,
  query: ListQuery = { limit: 100, offset: 0 },
): Promise<{ connections: ConnectionView[]; total_entries: number }> {
  const where = scopeWhere({ organizationId: access.organization.id, environmentId: access.environment.id });
  const [total, rows] = await Promise.all([
    db().connection.count({ where }),
    db().connection.findMany({ where, orderBy: { connectionId: "asc" }, skip: query.offset, take: query.limit, select: connectionRowSelect }),
  ]);
  return { connections: rows.map(connectionView), total_entries: total };
}
