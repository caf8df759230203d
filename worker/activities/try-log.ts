// A try's log on its way to PostgreSQL: masked lines (runTaskTry masks before they get
// here), buffered and appended as ordered chunks, capped per try with a visible notice.
import type { LogLevel, TaskLogger } from "../../lib/operators/ports";

export class TryLog implements TaskLogger {
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Bytes kept (written or pending). */
  bytes = 0;
  truncated = false;
  /** Next chunk number. */
  seq = 0;

  constructor(
    private readonly taskId: string,
    private readonly maxBytes: number,
  ) {}

  log(level: LogLevel, message: string): void {
    if (this.truncated) return;
    const stamp = new Date().toISOString();
    const prefix = `[${stamp}] {${this.taskId}} ${level.toUpperCase()} - `;
    const text = message
      .split("\n")
      .map((line) => prefix + line)
      .join("\n") + "\n";
    const size = Buffer.byteLength(text, "utf8");
    if (this.bytes + size > this.maxBytes) {
      this.truncated = true;
      const notice = `[${stamp}] {${this.taskId}} WARNING - *** Log truncated: this try wrote more than ${formatBytes(this.maxBytes)}; later lines were dropped. ***\n`;
      this.push(notice, Buffer.byteLength(notice, "utf8"));
      return;
    }
    this.push(text, size);
  }

  private push(text: string, size: number) {
    this.pending.push(text);
    this.pendingBytes += size;
    this.bytes += size;
  }

  /** The text not written yet, as one chunk with its number; null when there is none. */
  take(): { seq: number; text: string } | null {
    if (!this.pending.length) return null;
    const text = this.pending.join("");
    this.pending = [];
    this.pendingBytes = 0;
    return { seq: this.seq++, text };
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}
