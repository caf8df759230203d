export function loadOrCreateSecrets(dataDir: string): Record<string, string>;
export function ephemeralSecrets(): Record<string, string>;
