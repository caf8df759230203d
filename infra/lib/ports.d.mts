export function isPortFree(port: number, host?: string): Promise<boolean>;
export function freePort(): Promise<number>;
export function requireFreePort(port: number, variable: string, what: string): Promise<void>;
export function waitForPort(port: number, options?: { host?: string; timeoutMs?: number; isAlive?: () => boolean }): Promise<void>;
export class UserFacingError extends Error {}
