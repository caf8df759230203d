// A small builder so each path of the OpenAPI document reads as one line per fact: its
// parameters, body, answers and which of the shared error answers it can give.
import { ERROR_STATUS, type ErrorCode } from "../errors";
import { errorResponseName, ref, type ParameterName } from "./components";

type Schema = Record<string, unknown>;

export interface OperationSpec {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Names from components.parameters (path parameters are also checked against the path). */
  parameters?: ParameterName[];
  /** Parameters that only this operation has, written out. */
  extraParameters?: Schema[];
  /** A component schema name, or a full requestBody object. */
  body?: string | Schema;
  bodyRequired?: boolean;
  /** status → component schema name, null for no body, or a full response object. */
  ok: Record<number, string | null | Schema>;
  errors: ErrorCode[];
  /** Overrides the document's default security (e.g. [] for public routes). */
  security?: Record<string, string[]>[];
}

export function operation(spec: OperationSpec): Schema {
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(spec.ok)) {
    if (answer === null) responses[status] = { description: "No content." };
    else if (typeof answer === "string") responses[status] = { description: answer, content: { "application/json": { schema: ref(answer) } } };
    else responses[status] = answer;
  }
  for (const code of spec.errors) responses[String(ERROR_STATUS[code])] = { $ref: `#/components/responses/${errorResponseName(code)}` };
  const requestBody =
    spec.body === undefined
      ? undefined
      : typeof spec.body === "string"
        ? { required: spec.bodyRequired ?? true, content: { "application/json": { schema: ref(spec.body) } } }
        : spec.body;
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    parameters: [...(spec.parameters ?? []).map((name) => ({ $ref: `#/components/parameters/${name}` })), ...(spec.extraParameters ?? [])],
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(spec.security ? { security: spec.security } : {}),
  };
}

/** Errors every gated environment route can answer. */
export const GATED: ErrorCode[] = ["unauthenticated", "forbidden", "not_found"];
/** …and a route that reads a JSON body. */
export const GATED_WITH_BODY: ErrorCode[] = ["bad_request", ...GATED, "unprocessable"];
