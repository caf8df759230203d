// `POST …/connections`: a new connection from typed fields, or imported from Airflow's
// connection URI (`{"connection_id": "my_db", "uri": "postgres://user:pass@host/db"}`).
// Secrets are sealed before the row is written; the audit summary names fields, not values.
import { randomUUID } from "node:crypto";
import { importConnectionUri, parseConnection, type Connection, type ParsedConnection } from "../../../domain/connections";
import { ConnectionUriError } from "../../../domain/connections";
import { mutate, type Access } from "../../authz";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { connectionRowSelect, connectionView, exportUriOf, problemDetails, sealConnection, type ConnectionView } from "./connection-store";

export function parseConnectionInput(body: Record<string, unknown>): Connection {
  let parsed: ParsedConnection;
  if ("uri" in body) {
    const { uri, connection_id, description, ...rest } = body;
    const unexpected = Object.keys(rest);
    if (unexpected.length) {
      throw new AppError("unprocessable", "An import from a URI takes connection_id, uri and description only.", Object.fromEntries(unexpected.map((k) => [k, "set it in the URI, or create the connection from fields instead"])));
    }
    if (typeof uri !== "string" || uri.trim() === "") throw new AppError("unprocessable", "The connection is invalid.", { uri: "must be an Airflow connection URI, e.g. postgres://user:pass@host:5432/db" });
    try {
      parsed = importConnectionUri(typeof connection_id === "string" ? connection_id : "", uri.trim());
    } catch (error) {
      if (error instanceof ConnectionUriError) throw new AppError("unprocessable", "The connection URI cannot be read.", { uri: error.message });
      throw error;
    }
    if (parsed.ok && typeof description === "string" && description !== "") parsed.connection.description = description;
  } else {
    parsed = parseConnection(body);
  }
  if (!parsed.ok) throw new AppError("unprocessable", "The connection is invalid.", problemDetails(parsed.problems));
  return parsed.connection;
}

export async function createConnection(access: Access<"connection.write">, body: Record<string, unknown>): Promise<ConnectionView & { uri: string }> {
  const connection = parseConnectionInput(body);
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const id = randomUUID();
  const sealed = await sealConnection(scope, id, connection);
  try {
    const row = await mutate(access, "connection.create", { type: "connection", id }, async (tx, audit) => {
      audit.summary = {
        connection_id: connection.connection_id,
        conn_type: connection.conn_type,
        fields: Object.keys(sealed.fields).filter((k) => k !== "connection_id" && k !== "conn_type"),
        secrets_set: sealed.secretsSet,
        imported_from_uri: "uri" in body,
      };
      return tx.connection.create({
        data: {
          id,
          ...scope,
          connectionId: connection.connection_id,
          connType: connection.conn_type,
          description: connection.description ?? "",
          fields: sealed.fields as object,
          secretsSet: sealed.secretsSet,
          sealedSecrets: sealed.sealedSecrets,
          keyId: sealed.keyId,
        },
        select: connectionRowSelect,
      });
    });
    return { ...connectionView(row), uri: exportUriOf(row) };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A connection "${connection.connection_id}" already exists in this environment. Change it with PATCH, or pick another connection_id.`, {
        connection_id: "is already used in this environment",
      });
    }
    throw error;
  }
}
