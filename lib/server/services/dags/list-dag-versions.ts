// The versions of one DAG, newest first (the Code tab, the diff picker, the REST listing),
// and one version's file as deployed. Versions outlive a delete without purge, so these
// read by (environment, dag_id), not through the Dag row.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { dagNotFound } from "./get-dag";

export interface DagVersionView {
  version: string;
  version_number: number;
  file_format: string;
  created_at: string;
  created_by: string | null;
  is_current: boolean;
}

export interface DagVersionFile extends DagVersionView {
  raw_file: string;
}

export async function listDagVersions(
  access: EnvironmentAccess,
  dagId: string,
  page: { limit?: number; offset?: number } = {},
): Promise<{ dag_versions: DagVersionView[]; total_entries: number }> {
  const environmentId = access.environment.id;
  const where = { environmentId, organizationId: access.organization.id, dagId };
  const [total, rows, dag] = await Promise.all([
    db().dagVersion.count({ where }),
    db().dagVersion.findMany({
      where,
      orderBy: { versionNumber: "desc" },
      skip: page.offset ?? 0,
      take: Math.min(page.limit ?? 100, 1000),
      select: { id: true, specHash: true, versionNumber: true, fileFormat: true, createdAt: true, createdById: true },
    }),
    db().dag.findFirst({ where: { environmentId, dagId }, select: { currentVersionId: true } }),
  ]);
  if (total === 0) throw dagNotFound(dagId);
  const userIds = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => x !== null))];
  const users = userIds.length ? await db().user.findMany({ where: { id: { in: userIds }, memberships: { some: { organizationId: access.organization.id } } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return {
    dag_versions: rows.map((r) => ({
      version: r.specHash,
      version_number: r.versionNumber,
      file_format: r.fileFormat,
      created_at: r.createdAt.toISOString(),
      created_by: r.createdById ? (nameOf.get(r.createdById) ?? null) : null,
      is_current: dag?.currentVersionId === r.id,
    })),
    total_entries: total,
  };
}

/** One version's raw file, by spec hash (a unique prefix of 8+ characters works too) or by number. */
export async function getDagVersionFile(access: EnvironmentAccess, dagId: string, version: string): Promise<DagVersionFile> {
  const environmentId = access.environment.id;
  const where = { environmentId, organizationId: access.organization.id, dagId };
  const select = { id: true, specHash: true, versionNumber: true, fileFormat: true, createdAt: true, createdById: true, rawFile: true } as const;
  const byNumber = /^\d{1,7}$/.test(version);
  const byHash = /^[0-9a-f]{8,64}$/.test(version);
  const rows =
    byNumber || byHash
      ? await db().dagVersion.findMany({ where: { ...where, ...(byNumber ? { versionNumber: Number(version) } : { specHash: { startsWith: version } }) }, select, take: 2 })
      : [];
  if (rows.length > 1) throw new AppError("not_found", `The version '${version}' matches more than one version of '${dagId}'; give more characters of the hash.`);
  const row = rows[0];
  if (!row) {
    if ((await db().dagVersion.count({ where })) === 0) throw dagNotFound(dagId);
    throw new AppError("not_found", `DAG '${dagId}' has no version '${version}'. List its versions to see which exist.`);
  }
  const [dag, user] = await Promise.all([
    db().dag.findFirst({ where: { environmentId, dagId }, select: { currentVersionId: true } }),
    row.createdById ? db().user.findFirst({ where: { id: row.createdById, memberships: { some: { organizationId: access.organization.id } } }, select: { name: true } }) : null,
  ]);
  return {
    version: row.specHash,
    version_number: row.versionNumber,
    file_format: row.fileFormat,
    created_at: row.createdAt.toISOString(),
    created_by: user?.name ?? null,
    is_current: dag?.currentVersionId === row.id,
    raw_file: row.rawFile,
  };
}
