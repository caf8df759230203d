// Keep the Temporal SDK's INFO chatter out of test output; warnings still show.
import { DefaultLogger, Runtime } from "@temporalio/worker";

try {
  Runtime.install({ logger: new DefaultLogger("WARN") });
} catch {
  // already installed in this worker thread
}
