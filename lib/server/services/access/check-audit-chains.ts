// Chain verification for the audit page: recomputes the organization's per-day chains
// of the days on screen (the page's events span one or a few days), or the most recent
// days, and says which, if any, is broken. A whole day's chain is read to verify it, so
// the page never checks more than a handful of days per visit.
import type { Access } from "../../authz/access";
import { auditChainKey } from "../../audit/audit-hash";
import { verifyAuditChain, type ChainVerdict } from "../../audit/verify-audit-chain";
import { db } from "../../db";

export const MAX_CHAIN_DAYS = 7;

export interface ChainStatus {
  days: { day: string; verdict: ChainVerdict }[];
  ok: boolean;
  events: number;
}

/** `days` as YYYY-MM-DD (e.g. those of the events shown); without them, the most recent days. */
export async function checkAuditChains(access: Access<"audit.read">, options: { days?: string[] } = {}): Promise<ChainStatus> {
  const organizationId = access.organization.id;
  const prefix = auditChainKey(organizationId, new Date()).slice(0, -10);
  const wanted = options.days && [...new Set(options.days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort().reverse().slice(0, MAX_CHAIN_DAYS);
  const heads = await db().auditChainHead.findMany({
    where: wanted ? { chainKey: { in: wanted.map((d) => `${prefix}${d}`) } } : { chainKey: { startsWith: prefix } },
    orderBy: { chainKey: "desc" },
    take: MAX_CHAIN_DAYS,
    select: { chainKey: true },
  });
  const days = [];
  for (const head of heads) days.push({ day: head.chainKey.slice(prefix.length), verdict: await verifyAuditChain(head.chainKey) });
  return { days, ok: days.every((d) => d.verdict.ok), events: days.reduce((n, d) => n + d.verdict.events, 0) };
}
