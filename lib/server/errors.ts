// One error type for everything a caller can get wrong, with a single map from code to
// HTTP status (STYLE.md habit 5). Route handlers answer
// `{ "error": { "code", "message", "details"? } }` and never a stack trace.
export const ERROR_STATUS = {
  bad_request: 400, // malformed JSON, unreadable body
  unauthenticated: 401, // no credentials, or unknown / expired / revoked ones
  forbidden: 403, // the caller sees the object but their role is too low
  not_found: 404, // missing, foreign tenant, or not visible to the caller: all the same
  conflict: 409, // already exists (a taken email, a dag_run_id in use)
  payload_too_large: 413, // a request body over the route's limit (webhook deliveries)
  unsupported_media_type: 415, // a body in a format the route does not read (e.g. a DAG file as text/plain)
  unprocessable: 422, // well-formed but invalid content; `details` lists every problem
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);

/** The JSON response for any thrown value; unknown errors are logged, never shown. */
export function errorResponse(error: unknown, requestId?: string): Response {
  if (error instanceof AppError) return Response.json(error.toBody(), { status: error.status });
  console.error(`request ${requestId ?? "?"} failed:`, error);
  return Response.json(
    { error: { code: "internal", message: `Something went wrong on our side${requestId ? ` (request ${requestId})` : ""}. Please try again.` } },
    { status: 500 },
  );
}
