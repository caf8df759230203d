import { describe, expect, it } from "vitest";
import { tryBudgetText } from "../../../lib/domain/run/try-budget";

describe("tryBudgetText", () => {
  it.each([
    // state, try_number, max_tries, text
    ["none", 0, 1, "not run yet"],
    ["upstream_failed", 0, 0, "did not run"],
    ["skipped", 0, 0, "did not run"],
    ["running", 1, 1, "try 1 · 1 retry left"],
    ["running", 1, 3, "try 1 · 3 retries left"],
    ["up_for_retry", 1, 1, "try 1 · 1 retry left"],
    ["running", 2, 1, "try 2 · no retries left"],
    ["failed", 2, 1, "try 2 · no retries left"],
    ["running", 1, 0, "try 1 · no retries left"],
    ["success", 2, 1, "try 2"],
    // Cleared after failed try 2 (retries: 1): max_tries = 2 + 1, try 3 runs with a fresh budget.
    ["running", 3, 3, "try 3 · 1 retry left"],
    // Cleared with retries: 0 (max_tries = try_number): the next try is the only one.
    ["running", 3, 2, "try 3 · no retries left"],
    // A non-retryable failure leaves budget unused.
    ["failed", 1, 2, "try 1"],
  ])("%s, try %i, max_tries %i: %s", (state, tryNumber, maxTries, text) => {
    expect(tryBudgetText(state, tryNumber, maxTries)).toBe(text);
  });
});
