// An environment's settings with every default filled in (lib/domain/environment).
import { readEnvironmentSettings, type EnvironmentSettings } from "../../../domain/environment/environment-settings";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";

/** For code that already passed the gate for this environment (deploy, preview, the settings page). */
export async function getEnvironmentSettings(access: EnvironmentAccess): Promise<EnvironmentSettings> {
  return loadEnvironmentSettings(access.environment.id);
}

/** For the worker and the scheduler, which act for the system rather than a caller. */
export async function loadEnvironmentSettings(environmentId: string): Promise<EnvironmentSettings> {
  const row = await db().environment.findUnique({ where: { id: environmentId }, select: { settings: true } });
  return readEnvironmentSettings(row?.settings);
}
