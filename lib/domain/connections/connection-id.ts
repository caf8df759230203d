// `connection_id` rules. Airflow allows `[\w#!()\-.:/\\]{1,250}`; we keep the subset that
// is safe as a REST path segment, an environment variable suffix and a template name
// (`conn.<connection_id>`): letters, digits, "_", "-" and ".", starting with a letter,
// digit or "_". Ids are case-sensitive, as in Airflow, and unique per environment.
import { z } from "zod";

export const CONNECTION_ID_MAX_LENGTH = 250;
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** What is wrong with a connection id, or null when it is fine. */
export function connectionIdProblem(id: unknown): string | null {
  if (typeof id !== "string" || id.length === 0) return "connection_id is required, e.g. my_postgres";
  if (id.length > CONNECTION_ID_MAX_LENGTH) return `connection_id is ${id.length} characters long; at most ${CONNECTION_ID_MAX_LENGTH} are allowed`;
  if (!CONNECTION_ID_PATTERN.test(id)) {
    return `connection_id "${id.slice(0, 80)}" may contain only letters, digits, "_", "-" and ".", and must start with a letter, digit or "_" (e.g. my_postgres)`;
  }
  return null;
}

export const ConnectionIdSchema = z.string().superRefine((id, ctx) => {
  const problem = connectionIdProblem(id);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
