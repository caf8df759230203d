// Promotion: copies one exact version of a DAG from another environment of the same
// organization (dev -> stg -> prd). The spec is copied as it is, not re-read with the target's
// defaults, so the version id (its hash) stays the same and means the same schedule. The
// caller needs dag.deploy here and dag.read in the source environment (checked by the gate).
import type { DagSpec } from "../../../domain/dag/spec";
import { specHash } from "../../../domain/dag/canonical";
import { checkAccess, type Access } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { DagFileFormat } from "./check-dag-file";
import { saveDagVersion, type DeployDagResult } from "./deploy-dag";
import { getDagVersionFile } from "./list-dag-versions";

export interface PromoteDagVersionInput {
  /** The source environment's id. */
  from_environment: unknown;
  /** Spec hash (or a unique prefix) or version number in the source; default: its current version. */
  version?: unknown;
  dryRun?: boolean;
}

export async function promoteDagVersion(access: Access<"dag.deploy">, dagId: string, input: PromoteDagVersionInput): Promise<DeployDagResult & { promoted_from: string }> {
  const problems: { field: string; message: string }[] = [];
  if (typeof input.from_environment !== "string" || !input.from_environment) problems.push({ field: "from_environment", message: "must be the id of the environment to copy from" });
  if (input.version !== undefined && input.version !== null && typeof input.version !== "string" && typeof input.version !== "number") {
    problems.push({ field: "version", message: "must be a version hash or number" });
  }
  if (problems.length) throw new AppError("unprocessable", `Cannot promote: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}.`, problems);
  const fromId = input.from_environment as string;
  if (fromId === access.environment.id) {
    throw new AppError("unprocessable", "Cannot promote: from_environment is this environment; promote from another one.", [{ field: "from_environment", message: "is this environment" }]);
  }
  // The second gate: the same caller must see DAGs in the source (404 when not, as for any id).
  const source = await checkAccess(access.principal, "dag.read", { environmentId: fromId });
  if (source.organization.id !== access.organization.id) throw new AppError("not_found", "Not found. Check the address, or ask an admin of the organization for access.");
  let wanted = input.version === undefined || input.version === null ? null : String(input.version);
  if (wanted === null) {
    const dag = await db().dag.findFirst({ where: { environmentId: fromId, dagId }, select: { currentVersionId: true } });
    const current = dag?.currentVersionId ? await db().dagVersion.findUnique({ where: { id: dag.currentVersionId }, select: { specHash: true } }) : null;
    if (!current) throw new AppError("not_found", `There is no DAG '${dagId}' in ${source.environment.slug}. Deploy it there first, or name a version.`);
    wanted = current.specHash;
  }
  const file = await getDagVersionFile(source, dagId, wanted);
  const row = await db().dagVersion.findFirstOrThrow({ where: { environmentId: fromId, dagId, specHash: file.version }, select: { spec: true, specHash: true, rawFile: true, fileFormat: true } });
  const spec = row.spec as unknown as DagSpec;
  // Never trust a stored hash blindly: the copy is named by what it contains.
  const version = specHash(spec);
  if (version !== row.specHash) throw new AppError("internal", `Version ${row.specHash.slice(0, 12)} of '${dagId}' in ${source.environment.slug} does not match its content; it cannot be promoted.`);
  const result = await saveDagVersion(access, {
    spec,
    version,
    warnings: [],
    rawFile: row.rawFile,
    format: row.fileFormat as DagFileFormat,
    dryRun: input.dryRun,
    auditExtra: { promoted_from: { environment_id: fromId, environment: source.environment.slug, version } },
  });
  return { ...result, promoted_from: source.environment.slug };
}
