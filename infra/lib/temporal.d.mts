import type { ChildProcess } from "node:child_process";
export const TEMPORAL_CLI_VERSION: string;
export function temporalCacheDir(): string;
export function ensureTemporalCli(log?: (message: string) => void): string;
export function startTemporalDevServer(options: {
  bin: string;
  port: number;
  httpPort: number;
  uiPort?: number | null;
  dbFile?: string | null;
  log?: (message: string) => void;
}): Promise<{ address: string; child: ChildProcess; stop: () => Promise<void> }>;
