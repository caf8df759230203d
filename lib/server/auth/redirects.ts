// Where auth flows send people: only to our own paths (no open redirect through
// ?next=https://evil.example), and links in mails to the app's public address.
import { env } from "../env";

export const HOME_AFTER_LOGIN = "/app";

/** A same-site path from user input, or the fallback. */
export function safeNextPath(value: unknown, fallback = HOME_AFTER_LOGIN): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 512) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c === "\\")) return fallback; // header injection, "/\\host"
  // Never bounce back into the auth pages themselves.
  if (/^\/(login|signup|forgot-password|reset-password)(\/|\?|$)/.test(value)) return fallback;
  return value;
}

/** The app's public base URL: APP_URL, else AUTH_URL, else what the request says. */
export function publicBaseUrl(headers: Pick<Headers, "get">): string {
  const config = env();
  const configured = config.APP_URL ?? config.AUTH_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? `localhost:${config.PORT}`;
  const proto = headers.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
