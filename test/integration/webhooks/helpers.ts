// The webhook management routes called in-process as a given principal.
import type { Principal } from "../../../lib/server/authz";
import { callRoute, type RouteHandler } from "../../support/call-route";
import * as listRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/webhooks/route";
import * as oneRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/webhooks/[webhook_id]/route";
import * as rotateRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/webhooks/[webhook_id]/rotate/route";

const h = (fn: unknown) => fn as RouteHandler;

export function webhooksApi(principal: Principal) {
  const base = (env: string, dag: string) => `/api/v1/environments/${env}/dags/${dag}/webhooks`;
  return {
    list: (env: string, dag: string) => callRoute(principal, h(listRoute.GET), { env, dag_id: dag }, "GET", base(env, dag)),
    create: (env: string, dag: string, body: unknown) => callRoute(principal, h(listRoute.POST), { env, dag_id: dag }, "POST", base(env, dag), body),
    get: (env: string, dag: string, id: string) => callRoute(principal, h(oneRoute.GET), { env, dag_id: dag, webhook_id: id }, "GET", `${base(env, dag)}/${id}`),
    patch: (env: string, dag: string, id: string, body: unknown) => callRoute(principal, h(oneRoute.PATCH), { env, dag_id: dag, webhook_id: id }, "PATCH", `${base(env, dag)}/${id}`, body),
    remove: (env: string, dag: string, id: string) => callRoute(principal, h(oneRoute.DELETE), { env, dag_id: dag, webhook_id: id }, "DELETE", `${base(env, dag)}/${id}`),
    rotate: (env: string, dag: string, id: string, body?: unknown) => callRoute(principal, h(rotateRoute.POST), { env, dag_id: dag, webhook_id: id }, "POST", `${base(env, dag)}/${id}/rotate`, body),
  };
}
