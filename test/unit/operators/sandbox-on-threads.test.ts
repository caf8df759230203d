// The whole script-sandbox suite again, with scripts on a sandbox thread pool as the worker
// runs them: results, errors with their stacks, limits, skip, host calls (sync log and
// xcom.push, async xcom.pull and fetch) must behave exactly as in process.
import { afterAll } from "vitest";
import { installSandboxThreads } from "../../../lib/operators/sandbox/sandbox-threads";

installSandboxThreads(2);
afterAll(() => installSandboxThreads(0));

await import("./sandbox.test");
