// Calls a route handler in-process as a given principal, with the same-origin headers a
// Windsock page sends; the answer's body parsed as JSON when it is JSON.
import { runAsPrincipal, type Principal } from "../../lib/server/authz";

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiAnswer {
  status: number;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function callRoute(principal: Principal, handler: RouteHandler, params: Record<string, string>, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const init: RequestInit = { method, headers: { host: "app.test", origin: "http://app.test", "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await runAsPrincipal(principal, () => handler(new Request(`http://app.test${path}`, init), { params: Promise.resolve(params) }));
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, text, body: parsed };
}
