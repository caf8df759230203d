// The caller's address and user agent from request headers, for rate limits, session
// rows and audit events. Behind a proxy the first X-Forwarded-For entry is the client;
// deployments must make sure their proxy overwrites (not appends to) client-supplied
// values, or the per-address limit can be sidestepped (per-account limits still hold).
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export function clientInfoFrom(headers: Pick<Headers, "get"> | null | undefined): ClientInfo {
  if (!headers) return { ip: null, userAgent: null };
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim() || null;
  return { ip: ip ? ip.slice(0, 64) : null, userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}
