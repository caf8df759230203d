import type { ChildProcess } from "node:child_process";
export function prefixLines(stream: NodeJS.ReadableStream, name: string, out: NodeJS.WritableStream): void;
export function spawnService(name: string, command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined>; quiet?: boolean }): ChildProcess;
export function stopChild(child: ChildProcess, timeoutMs?: number): Promise<void>;
export function hashInputs(root: string, entries: string[]): string;
export function readStamp(file: string): string | null;
export function writeStamp(file: string, value: string): void;
