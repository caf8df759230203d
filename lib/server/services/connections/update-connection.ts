// `PATCH …/connections/{connection_id}`: a field left out keeps its value, `null` clears
// it, a value replaces it; secret fields the same (so an edit without re-entering the
// password keeps it). The secrets are re-sealed with a fresh data key, which needs the old
// ones: that decrypt is audited like any other, in the same transaction as the change.
import { applyConnectionPatch, parseConnection, type Connection } from "../../../domain/connections";
import { auditPrincipal, mutate, type Access } from "../../authz";
import { AppError } from "../../errors";
import { auditSecretRead, connectionRowSelect, connectionView, exportUriOf, openConnection, problemDetails, requireConnectionRow, sealConnection, type ConnectionView } from "./connection-store";

export async function updateConnection(
  access: Access<"connection.write">,
  connectionId: string,
  patch: Record<string, unknown>,
): Promise<ConnectionView & { uri: string }> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  // A 404 before anything else, and outside the audited transaction.
  await requireConnectionRow(scope, connectionId);
  const row = await mutate(access, "connection.update", { type: "connection" }, async (tx, audit) => {
    const stored = await requireConnectionRow(scope, connectionId, tx);
    audit.targetId = stored.id;
    let current: Connection;
    if (stored.sealedSecrets) {
      current = await openConnection(stored);
      await auditSecretRead(tx, {
        scope: { ...scope, workspaceId: access.workspace.id },
        principal: auditPrincipal(access.principal),
        request: access.request,
        purpose: "patch",
        target: { type: "connection", id: stored.id },
        summary: { connection_id: connectionId, secrets: stored.secretsSet },
      });
    } else {
      current = stored.fields as unknown as Connection;
    }
    const merged = applyConnectionPatch(current, patch);
    if (!merged.ok) throw new AppError("unprocessable", "The change is invalid.", { [merged.path]: merged.message });
    const parsed = parseConnection(merged.input);
    if (!parsed.ok) throw new AppError("unprocessable", "The connection is invalid.", problemDetails(parsed.problems));
    const next = parsed.connection;
    const sealed = await sealConnection(scope, stored.id, next);
    audit.summary = {
      connection_id: connectionId,
      conn_type: next.conn_type,
      changed: changedFields(stored.fields as unknown as Connection, sealed.fields),
      secrets_changed: changedSecrets(current, next, stored.secretsSet, sealed.secretsSet),
      secrets_set: sealed.secretsSet,
    };
    return tx.connection.update({
      where: { id: stored.id, ...scope },
      data: {
        connType: next.conn_type,
        description: next.description ?? "",
        fields: sealed.fields as object,
        secretsSet: sealed.secretsSet,
        sealedSecrets: sealed.sealedSecrets,
        keyId: sealed.keyId,
      },
      select: connectionRowSelect,
    });
  });
  return { ...connectionView(row), uri: exportUriOf(row) };
}

function changedFields(before: Connection, after: Connection): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** Names (never values) of the secrets that were set, replaced or cleared. */
function changedSecrets(before: Connection, after: Connection, beforeSet: string[], afterSet: string[]): string[] {
  const valueAt = (c: Connection, path: string) => (path.startsWith("extra.") ? c.extra?.[path.slice(6)] : c[path]);
  const paths = new Set([...beforeSet, ...afterSet]);
  return [...paths].filter((p) => JSON.stringify(valueAt(before, p)) !== JSON.stringify(valueAt(after, p))).sort();
}
