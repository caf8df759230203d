// Activities are built from their dependencies, so tests can pass their own
// (samples-typescript's createActivities(deps) pattern).
import type { Db } from "../../lib/server/db";
import { createDagRunActivities, type DagRunPortsDeps } from "./dag-run";
import { createPingActivities } from "./ping";

export interface ActivityDeps extends DagRunPortsDeps {
  db: Db;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createPingActivities(deps),
    ...createDagRunActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
