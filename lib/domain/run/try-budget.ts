// What the task page says about a task instance's try budget. Airflow's max_tries is the last
// try number a failure is retried from (a clear raises it to try_number + retries while
// try_number keeps counting), so "retries left" is what people can act on: after a clear of
// failed try 2 with retries: 1, try 3 reads "try 3 · 1 retry left" — never "try 2 of 1".

export function tryBudgetText(state: string, tryNumber: number, maxTries: number): string {
  if (tryNumber <= 0) return state === "none" || state === "scheduled" || state === "queued" ? "not run yet" : "did not run";
  if (state === "success" || state === "skipped") return `try ${tryNumber}`;
  // A failure of try n is retried while n <= max_tries.
  const left = Math.max(0, maxTries + 1 - tryNumber);
  if (left === 0) return `try ${tryNumber} · no retries left`;
  // Failed with budget left: the failure was not retryable, or someone marked it.
  if (state === "failed") return `try ${tryNumber}`;
  return `try ${tryNumber} · ${left} ${left === 1 ? "retry" : "retries"} left`;
}
