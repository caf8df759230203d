// Reading a JSON request body for the connections and variables routes: malformed JSON is
// a 400 (not a 422), and the body must be an object.
import { AppError } from "../../errors";

/** `example`: a body this route takes, shown in the 400 so the caller sees what to send. */
export async function readJsonObject(request: Request, example = '{"connection_id": "my_db", "conn_type": "postgres", …}'): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", `The request body is not valid JSON. Send a JSON object, e.g. ${example}.`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("unprocessable", "The request body must be a JSON object.", { body: "must be a JSON object" });
  }
  return body as Record<string, unknown>;
}
