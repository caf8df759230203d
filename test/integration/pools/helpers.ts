// Calls the pools route handlers in-process as a given principal, with the same-origin
// headers a Windsock page sends.
import { runAsPrincipal, type Principal } from "../../../lib/server/authz";
import * as poolRoute from "../../../app/api/v1/environments/[env]/pools/[pool_name]/route";
import * as poolsRoute from "../../../app/api/v1/environments/[env]/pools/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiAnswer {
  status: number;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(principal: Principal, handler: Handler, params: Record<string, string>, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
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

export function poolsApi(principal: Principal) {
  const base = (env: string) => `/api/v1/environments/${env}/pools`;
  return {
    list: (env: string, query = "") => call(principal, poolsRoute.GET as Handler, { env }, "GET", `${base(env)}${query}`),
    create: (env: string, body: unknown) => call(principal, poolsRoute.POST as Handler, { env }, "POST", base(env), body),
    get: (env: string, name: string) => call(principal, poolRoute.GET as Handler, { env, pool_name: name }, "GET", `${base(env)}/${name}`),
    patch: (env: string, name: string, body: unknown, query = "") => call(principal, poolRoute.PATCH as Handler, { env, pool_name: name }, "PATCH", `${base(env)}/${name}${query}`, body),
    remove: (env: string, name: string) => call(principal, poolRoute.DELETE as Handler, { env, pool_name: name }, "DELETE", `${base(env)}/${name}`),
  };
}
