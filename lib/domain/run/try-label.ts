// How a task instance's try is named in the UI. Airflow's max_tries is the last try number a
// failure is retried from (retries at first, raised by a clear to try_number + retries), so a
// task may run up to max_tries + 1 times: "try 2 of 2" for retries: 1, and after a clear of
// that failed task "try 3 of 4" (try numbers keep counting) — never "try 2 of 1".

export function tryLabel(tryNumber: number, maxTries: number): string {
  if (tryNumber <= 0) return "not run yet";
  const allowed = Math.max(tryNumber, maxTries + 1);
  return `try ${tryNumber} of ${allowed}`;
}
