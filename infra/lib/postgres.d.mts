export function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  log?: (message: string) => void;
}): Promise<{ url: string; stop: () => Promise<void> }>;
