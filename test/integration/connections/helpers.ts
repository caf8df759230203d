// Calls the connections and variables route handlers in-process as a given principal,
// with the same-origin headers a Windsock page sends.
import type { Principal } from "../../../lib/server/authz";
import { callRoute, type ApiAnswer, type RouteHandler } from "../../support/call-route";
import * as connectionRoute from "../../../app/api/v1/environments/[env]/connections/[connection_id]/route";
import * as connectionsRoute from "../../../app/api/v1/environments/[env]/connections/route";
import * as variableRoute from "../../../app/api/v1/environments/[env]/variables/[key]/route";
import * as variablesRoute from "../../../app/api/v1/environments/[env]/variables/route";

type Handler = RouteHandler;
const call = callRoute;
export type { ApiAnswer };

export function api(principal: Principal) {
  const base = (env: string) => `/api/v1/environments/${env}`;
  return {
    listConnections: (env: string, query = "") => call(principal, connectionsRoute.GET as Handler, { env }, "GET", `${base(env)}/connections${query}`),
    createConnection: (env: string, body: unknown) => call(principal, connectionsRoute.POST as Handler, { env }, "POST", `${base(env)}/connections`, body),
    getConnection: (env: string, id: string) => call(principal, connectionRoute.GET as Handler, { env, connection_id: id }, "GET", `${base(env)}/connections/${id}`),
    patchConnection: (env: string, id: string, body: unknown) =>
      call(principal, connectionRoute.PATCH as Handler, { env, connection_id: id }, "PATCH", `${base(env)}/connections/${id}`, body),
    deleteConnection: (env: string, id: string) => call(principal, connectionRoute.DELETE as Handler, { env, connection_id: id }, "DELETE", `${base(env)}/connections/${id}`),
    listVariables: (env: string) => call(principal, variablesRoute.GET as Handler, { env }, "GET", `${base(env)}/variables`),
    createVariable: (env: string, body: unknown) => call(principal, variablesRoute.POST as Handler, { env }, "POST", `${base(env)}/variables`, body),
    getVariable: (env: string, key: string) => call(principal, variableRoute.GET as Handler, { env, key }, "GET", `${base(env)}/variables/${key}`),
    patchVariable: (env: string, key: string, body: unknown) => call(principal, variableRoute.PATCH as Handler, { env, key }, "PATCH", `${base(env)}/variables/${key}`, body),
    deleteVariable: (env: string, key: string) => call(principal, variableRoute.DELETE as Handler, { env, key }, "DELETE", `${base(env)}/variables/${key}`),
  };
}

/** A value no test data contains by accident, to search for in responses, rows and logs. */
export const planted = (label: string) => `PLANTED-${label}-${Math.random().toString(36).slice(2, 10)}-s3cr3t`;

/** Records everything written to stdout and stderr between start() and stop(). */
export function capturePrinted() {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const tap = (original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof process.stdout.write;
  return {
    start() {
      process.stdout.write = tap(originals.out, process.stdout);
      process.stderr.write = tap(originals.err, process.stderr);
    },
    stop() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
    text: () => chunks.join(""),
  };
}
