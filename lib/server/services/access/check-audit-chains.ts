// Chain verification for the audit page: recomputes the organization's per-day chains
// for the most recent days (or the filtered range) and says which, if any, is broken.
import type { Access } from "../../authz/access";
import { auditChainKey } from "../../audit/audit-hash";
import { verifyAuditChain, type ChainVerdict } from "../../audit/verify-audit-chain";
import { db } from "../../db";

export const MAX_CHAIN_DAYS = 31;

export interface ChainStatus {
  days: { day: string; verdict: ChainVerdict }[];
  ok: boolean;
  events: number;
}

export async function checkAuditChains(access: Access<"audit.read">, range: { from?: string; to?: string } = {}): Promise<ChainStatus> {
  const organizationId = access.organization.id;
  const prefix = auditChainKey(organizationId, new Date()).slice(0, -10);
  const heads = await db().auditChainHead.findMany({
    where: {
      chainKey: {
        startsWith: prefix,
        ...(range.from ? { gte: `${prefix}${range.from}` } : {}),
        ...(range.to ? { lte: `${prefix}${range.to}` } : {}),
      },
    },
    orderBy: { chainKey: "desc" },
    take: MAX_CHAIN_DAYS,
    select: { chainKey: true },
  });
  const days = [];
  for (const head of heads) days.push({ day: head.chainKey.slice(prefix.length), verdict: await verifyAuditChain(head.chainKey) });
  return { days, ok: days.every((d) => d.verdict.ok), events: days.reduce((n, d) => n + d.verdict.events, 0) };
}
