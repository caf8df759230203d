// Environment settings are changed by admins only (environment.update); every change is
// audited with what it was and what it became.
import {
  readEnvironmentSettings,
  ZEnvironmentSettingsPatchSchema,
  type EnvironmentSettings,
} from "../../../domain/environment/environment-settings";
import type { Access } from "../../authz";
import { mutate } from "../../authz";
import { AppError } from "../../errors";

export async function updateEnvironmentSettings(access: Access<"environment.update">, input: unknown): Promise<EnvironmentSettings> {
  const parsed = ZEnvironmentSettingsPatchSchema.safeParse(input);
  if (!parsed.success) {
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.length ? String(issue.path[0]) : issue.code === "unrecognized_keys" ? String((issue as { keys?: string[] }).keys?.[0]) : "settings";
      details[field] ??= issue.code === "unrecognized_keys" ? "This is not an environment setting." : issue.message;
    }
    throw new AppError("unprocessable", "Some settings are invalid.", details);
  }
  const environmentId = access.environment.id;
  return mutate(access, "environment.update", { type: "environment", id: environmentId }, async (tx, audit) => {
    const row = await tx.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { settings: true } });
    const before = readEnvironmentSettings(row.settings);
    const after: EnvironmentSettings = { ...before, ...parsed.data };
    const changed = Object.fromEntries(
      (Object.keys(parsed.data) as (keyof EnvironmentSettings)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { before: before[k], after: after[k] }]),
    );
    audit.summary = { settings: changed };
    await tx.environment.update({ where: { id: environmentId }, data: { settings: after } });
    return after;
  });
}
