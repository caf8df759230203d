// Activities are built from their dependencies, so tests can pass their own
// (samples-typescript's createActivities(deps) pattern).
import type { Db } from "../../lib/server/db";
import { createDagRunActivities, type DagRunPortsDeps } from "./dag-run";
import { createPingActivities } from "./ping";
import { createTestConnectionActivities } from "./test-connection";

export interface ActivityDeps extends DagRunPortsDeps {
  db: Db;
  /** Outbound policy for test-connection; defaults to ALLOW_PRIVATE_NETWORK (tests set it). */
  allowPrivateNetwork?: boolean;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createPingActivities(deps),
    ...createDagRunActivities(deps),
    ...createTestConnectionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
