// DAG files and API calls for the registry's tests: a valid YAML file in one call, and the
// DAG routes called as a given principal (cookie writes carry our own Origin).
import { runAsPrincipal, type Principal } from "../../lib/server/authz";

export function dagYaml(dagId: string, opts: { schedule?: string | null; description?: string; tags?: string[]; paused?: boolean; extraTask?: boolean; params?: string } = {}): string {
  const schedule = opts.schedule === undefined ? '"@daily"' : opts.schedule === null ? "null" : JSON.stringify(opts.schedule);
  return [
    `dag_id: ${dagId}`,
    `description: ${JSON.stringify(opts.description ?? `The ${dagId} pipeline`)}`,
    `schedule: ${schedule}`,
    `start_date: "2024-01-01T00:00:00Z"`,
    `catchup: false`,
    `tags: [${(opts.tags ?? ["reports"]).join(", ")}]`,
    ...(opts.paused === undefined ? [] : [`is_paused_upon_creation: ${opts.paused}`]),
    ...(opts.params ? [opts.params] : []),
    `tasks:`,
    `  - task_id: extract`,
    `    operator: empty`,
    `  - task_id: load`,
    `    operator: empty`,
    `    upstream: [extract]`,
    ...(opts.extraTask ? [`  - task_id: notify_done`, `    operator: empty`, `    upstream: [load]`] : []),
    ``,
  ].join("\n");
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as `principal`; JSON bodies are parsed, anything else is text. */
export async function callRoute<P>(
  principal: Principal,
  handler: Handler<P>,
  params: P,
  init: { method?: string; path?: string; body?: string; contentType?: string | null; query?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON a route answers
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { host: "app.test", origin: "http://app.test" };
  if (init.contentType) headers["content-type"] = init.contentType;
  const url = `http://app.test${init.path ?? "/api/v1/x"}${init.query ?? ""}`;
  const response = await runAsPrincipal(principal, () =>
    handler(new Request(url, { method: init.method ?? "GET", headers, body: init.body }), { params: Promise.resolve(params) }),
  );
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, body };
}
