// Prisma's "unique constraint failed" (P2002). With driver adapters the violated columns
// sit in different places of `meta` across versions, so the whole meta is searched.
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!error || typeof error !== "object" || (error as { code?: unknown }).code !== "P2002") return false;
  if (!column) return true;
  return JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes(column);
}
