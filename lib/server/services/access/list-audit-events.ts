// The organization's audit log: filters (action, principal, target, outcome,
// environment, date range), newest first, paged. The export streams the same filter.
import { z } from "zod";
import type { Prisma } from "../../../../generated/prisma/client";
import type { Access } from "../../authz/access";
import { db } from "../../db";

export const AUDIT_PAGE_SIZE = 50;

const text = z.string().trim().max(200).optional().transform((v) => v || undefined);
const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined));

export const ZAuditFilterSchema = z.object({
  action: text,
  principal: text,
  target: text,
  outcome: z.enum(["success", "denied", "failure"]).optional().catch(undefined),
  environment: text,
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export type AuditFilter = z.output<typeof ZAuditFilterSchema>;

/** Reads a filter from URL search params; anything malformed is simply ignored. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditFilter {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  const raw = Object.fromEntries(["action", "principal", "target", "outcome", "environment", "from", "to", "page"].map((k) => [k, get(k) ?? undefined]));
  const parsed = ZAuditFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : { action: undefined, principal: undefined, target: undefined, outcome: undefined, environment: undefined, from: undefined, to: undefined, page: undefined };
}

/** Every filter as a `where` that always starts with the caller's organization. */
export function auditWhere(organizationId: string, f: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [{ organizationId }];
  if (f.action) and.push(f.action.endsWith(".") || !f.action.includes(".") ? { action: { startsWith: f.action } } : { action: f.action });
  if (f.principal) and.push({ OR: [{ principalId: f.principal }, { principalName: { contains: f.principal, mode: "insensitive" } }] });
  if (f.target) and.push({ OR: [{ targetId: f.target }, { targetType: f.target }] });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.environment) and.push({ environmentId: f.environment });
  if (f.from) and.push({ at: { gte: new Date(`${f.from}T00:00:00.000Z`) } });
  if (f.to) and.push({ at: { lt: new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000) } });
  return { AND: and };
}

export const auditSelect = {
  id: true,
  at: true,
  action: true,
  outcome: true,
  principalType: true,
  principalId: true,
  principalName: true,
  workspaceId: true,
  environmentId: true,
  targetType: true,
  targetId: true,
  ip: true,
  userAgent: true,
  requestId: true,
  summary: true,
  chainKey: true,
  seq: true,
  hash: true,
} as const;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof auditSelect }>;

export interface AuditPage {
  events: AuditEventRow[];
  total: number;
  page: number;
  pages: number;
  /** Environments of the organization, to name them and offer them as a filter. */
  environments: { id: string; label: string }[];
  actions: string[];
}

export async function listAuditEvents(access: Access<"audit.read">, filter: AuditFilter): Promise<AuditPage> {
  const organizationId = access.organization.id;
  const where = auditWhere(organizationId, filter);
  const page = filter.page ?? 1;
  const [events, total, environments, actions] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { seq: "desc" }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE, select: auditSelect }),
    db().auditEvent.count({ where }),
    db().environment.findMany({ where: { organizationId }, select: { id: true, slug: true, workspace: { select: { name: true } } }, orderBy: [{ workspace: { createdAt: "asc" } }, { createdAt: "asc" }] }),
    // Suggestions for the action filter: what happened lately (not a scan of the whole history).
    db().auditEvent.findMany({
      where: { organizationId, at: { gte: new Date(Date.now() - 30 * 86_400_000) } },
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
      take: 200,
    }),
  ]);
  return {
    events,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    environments: environments.map((e) => ({ id: e.id, label: `${e.workspace.name} / ${e.slug}` })),
    actions: actions.map((a) => a.action),
  };
}
