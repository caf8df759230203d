export function deployMigrations(databaseUrl: string): Promise<string[]>;
export function ensurePrismaClient(log?: (m: string) => void): void;
export function generateClient(): void;
export function prismaEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
