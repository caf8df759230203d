// The app's Temporal client. PostgreSQL is the source of truth; the app only starts
// and signals workflows here, it never reads run state back from Temporal.
import { Client, Connection } from "@temporalio/client";
import { env } from "./env";

const globalForTemporal = globalThis as unknown as { windsockTemporal?: Promise<Client> };

async function connect(): Promise<Client> {
  const e = env();
  const connection = await Connection.connect({
    address: e.TEMPORAL_ADDRESS,
    tls: e.TEMPORAL_TLS || undefined,
    apiKey: e.TEMPORAL_API_KEY,
    connectTimeout: "5s",
  });
  return new Client({ connection, namespace: e.TEMPORAL_NAMESPACE });
}

export function temporalClient(): Promise<Client> {
  if (!globalForTemporal.windsockTemporal) {
    const pending = connect();
    globalForTemporal.windsockTemporal = pending;
    // A failed connect is not cached: the next call tries again.
    pending.catch(() => {
      if (globalForTemporal.windsockTemporal === pending) globalForTemporal.windsockTemporal = undefined;
    });
  }
  return globalForTemporal.windsockTemporal;
}

export async function closeTemporalClient(): Promise<void> {
  const pending = globalForTemporal.windsockTemporal;
  globalForTemporal.windsockTemporal = undefined;
  if (pending) await (await pending.catch(() => null))?.connection.close();
}
