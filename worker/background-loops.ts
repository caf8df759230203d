// The worker's own loops beside Temporal polling: the scheduler (creates due scheduled runs)
// and the reconciler (starts runs whose workflow start was lost to a crash). Any number of
// workers may run them: the scheduler locks DAG rows with SKIP LOCKED, and a workflow start
// is idempotent (USE_EXISTING).
import { reconcileQueuedRuns } from "../lib/server/services/runs/reconcile-queued-runs";
import { scheduleDueRuns } from "../lib/server/services/runs/schedule-due-runs";

export interface LoopOptions {
  schedulerEveryMs?: number;
  reconcilerEveryMs?: number;
  /** Reconcile runs left queued without a workflow for longer than this. */
  reconcileAfterMs?: number;
  taskQueue?: string;
  log?: (message: string) => void;
}

export interface BackgroundLoops {
  /** Stops both loops after their current pass. */
  stop(): Promise<void>;
}

export function startBackgroundLoops(options: LoopOptions = {}): BackgroundLoops {
  const log = options.log ?? ((m: string) => console.error(m));
  let stopped = false;
  const stoppers: (() => Promise<void>)[] = [];

  /** Runs `pass` every `everyMs` (measured from the end of the previous pass) until stopped. */
  const loop = (name: string, everyMs: number, pass: () => Promise<unknown>) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: Promise<void> = Promise.resolve();
    const run = () => {
      current = pass()
        .then(() => undefined)
        .catch((error: unknown) => log(`${name}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!stopped) timer = setTimeout(run, everyMs);
        });
    };
    timer = setTimeout(run, Math.floor(everyMs / 2));
    stoppers.push(async () => {
      clearTimeout(timer);
      await current;
      clearTimeout(timer);
    });
  };

  loop("scheduler", options.schedulerEveryMs ?? 1_000, () => scheduleDueRuns({ taskQueue: options.taskQueue }));
  loop("reconciler", options.reconcilerEveryMs ?? 2_000, () =>
    reconcileQueuedRuns({ olderThanMs: options.reconcileAfterMs ?? 5_000, taskQueue: options.taskQueue }),
  );
  return {
    async stop() {
      stopped = true;
      await Promise.all(stoppers.map((s) => s()));
    },
  };
}
