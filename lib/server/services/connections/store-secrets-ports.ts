// The worker's SecretsPorts (lib/operators): a running task reads connections and
// variables from the encrypted store of its own environment, at run time (values never
// travel in Temporal payloads), and every read writes an audit event whose principal is
// the DagRun (type "dag_run", id = the DagRun row, name = "<dag_id>/<run_id>"):
// `connection.decrypt` / `variable.decrypt`, or `….read` when there was nothing secret.
import { SecretCryptoError } from "../../crypto";
import { ConnectionNotFoundError, SecretConfigError, type SecretReader, type SecretsPorts, type StoredVariable } from "../../../operators/secrets";
import { connectionIdProblem } from "../../../domain/connections";
import { db } from "../../db";
import { findVariableRow, openVariable } from "../variables/variable-store";
import { auditSecretRead, findConnectionRow, openConnection, type SecretScope } from "./connection-store";

export interface StoreSecretsPortsOptions extends SecretScope {
  dagRun: { id: string; dagId: string; runId: string };
}

export function storeSecretsPorts({ organizationId, environmentId, dagRun }: StoreSecretsPortsOptions): SecretsPorts {
  const scope: SecretScope = { organizationId, environmentId };
  const principal = { type: "dag_run" as const, id: dagRun.id, name: `${dagRun.dagId}/${dagRun.runId}` };
  const who = (reader: SecretReader) => ({ dag_id: reader.dag_id, run_id: reader.run_id, task_id: reader.task_id, try_number: reader.try_number });

  return {
    connections: {
      async getConnection(connection_id, reader) {
        const idProblem = connectionIdProblem(connection_id);
        if (idProblem) throw new ConnectionNotFoundError(connection_id, idProblem);
        const row = await findConnectionRow(scope, connection_id);
        if (!row) throw new ConnectionNotFoundError(connection_id);
        const audit = {
          scope,
          principal,
          purpose: "task" as const,
          decrypted: row.sealedSecrets !== null,
          target: { type: "connection" as const, id: row.id },
          summary: { connection_id, secrets: row.secretsSet, ...who(reader) },
        };
        let connection;
        try {
          connection = await openConnection(row);
        } catch (error) {
          await auditSecretRead(db(), { ...audit, outcome: "failure", summary: { ...audit.summary, reason: reasonOf(error) } });
          throw new SecretConfigError(`the connection '${connection_id}' cannot be decrypted: ${(error as Error).message}`);
        }
        await auditSecretRead(db(), audit);
        return connection;
      },
    },
    variables: {
      async getVariable(key, reader): Promise<StoredVariable | undefined> {
        const row = await findVariableRow(scope, key);
        if (!row) return undefined;
        const audit = {
          scope,
          principal,
          purpose: "task" as const,
          decrypted: row.isSecret,
          target: { type: "variable" as const, id: row.id },
          summary: { key, secret: row.isSecret, ...who(reader) },
        };
        let value;
        try {
          value = await openVariable(row);
        } catch (error) {
          await auditSecretRead(db(), { ...audit, outcome: "failure", summary: { ...audit.summary, reason: reasonOf(error) } });
          throw new SecretConfigError(`the variable '${key}' cannot be decrypted: ${(error as Error).message}`);
        }
        await auditSecretRead(db(), audit);
        return { value, secret: row.isSecret };
      },
    },
  };
}

const reasonOf = (error: unknown) => (error instanceof SecretCryptoError ? error.reason : "error");
