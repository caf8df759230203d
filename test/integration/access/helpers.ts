// Shared by the people tests: call a service as a principal through the real gate, and
// read what a refusal was.
import { expect } from "vitest";
import { AppError } from "../../../lib/server/errors";
import { db } from "../../../lib/server/db";

/** The AppError a call fails with (or a test failure if it succeeds). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a refusal, got success"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

export const lastEvent = (where: { organizationId: string; action: string; outcome?: string }) =>
  db().auditEvent.findFirst({ where, orderBy: [{ at: "desc" }, { seq: "desc" }] });
