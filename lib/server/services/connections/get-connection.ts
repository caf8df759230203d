// `GET …/connections/{connection_id}`: one connection without secrets, with its Airflow URI
// (secrets left out) for export.
import type { Access } from "../../authz";
import { connectionView, exportUriOf, requireConnectionRow, type ConnectionView } from "./connection-store";

export async function getConnection(access: Access<"connection.read" | "connection.write">, connectionId: string): Promise<ConnectionView & { uri: string }> {
  const row = await requireConnectionRow({ organizationId: access.organization.id, environmentId: access.environment.id }, connectionId);
  return { ...connectionView(row), uri: exportUriOf(row) };
}
