// Calls the pools route handlers in-process as a given principal, with the same-origin
// headers a Windsock page sends.
import type { Principal } from "../../../lib/server/authz";
import { callRoute, type ApiAnswer, type RouteHandler } from "../../support/call-route";
import * as poolRoute from "../../../app/api/v1/environments/[env]/pools/[pool_name]/route";
import * as poolsRoute from "../../../app/api/v1/environments/[env]/pools/route";

type Handler = RouteHandler;
const call = callRoute;
export type { ApiAnswer };

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
