// The life cycle shared by the benches that start services: cleanups registered as services
// start, run in reverse at the end (each given 15 s), and the exit code.
export const say = (m: string) => process.stderr.write(m + "\n");

export type Cleanup = () => Promise<void> | void;
export const cleanups: Cleanup[] = [];

async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await Promise.race([fn(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    } catch {
      // best effort
    }
  }
}

/** Runs `main`, cleans up, exits 0; on failure says why, cleans up, exits 1. */
export function runBench(name: string, main: () => Promise<void>): void {
  main()
    .then(cleanup)
    .then(() => process.exit(0))
    .catch(async (error: unknown) => {
      say(`${name} bench failed: ${error instanceof Error ? error.stack : String(error)}`);
      await cleanup();
      process.exit(1);
    });
}
