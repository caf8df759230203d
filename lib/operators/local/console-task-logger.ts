// Task logs for local runs: one line per message on stderr, tagged with task and try,
// so stdout stays free for the result.
import type { LogLevel, TaskLogger } from "../ports";

export function consoleTaskLogger(write: (text: string) => void, now: () => number, task_id: string, try_number: number): TaskLogger {
  return {
    log(level: LogLevel, message: string) {
      const stamp = new Date(now()).toISOString();
      const tag = `[${stamp}] {${task_id} try ${try_number}} ${level.toUpperCase()} - `;
      write(message.split("\n").map((line) => tag + line).join("\n") + "\n");
    },
  };
}
