// A log stream that masks secrets even when one arrives split across two write() calls:
// it holds back the tail that could still be the start of a secret (at most the longest
// registered form, and never more than `maxHoldChars`), and emits everything before it.
import type { LogLevel, TaskLogger } from "../ports";
import { replaceSpans, type Interval, type SecretMasker } from "./secret-masker";

export interface MaskingWriterOptions {
  /** Upper bound on buffered text; a secret longer than this may be cut at the bound. Default 64 KiB. */
  maxHoldChars?: number;
}

export class MaskingWriter {
  #buffer = "";
  readonly #maxHold: number;

  constructor(
    private readonly masker: SecretMasker,
    private readonly sink: (text: string) => void,
    options: MaskingWriterOptions = {},
  ) {
    this.#maxHold = Math.max(1, options.maxHoldChars ?? 64 * 1024);
  }

  write(chunk: string): void {
    if (!chunk) return;
    this.#buffer += chunk;
    this.#drain(false);
  }

  /** Emits everything held (call when the stream ends: at the end of the try). */
  flush(): void {
    this.#drain(true);
  }

  /** Characters currently held back. */
  get held(): number {
    return this.#buffer.length;
  }

  #drain(final: boolean): void {
    const buf = this.#buffer;
    if (!buf) return;
    const longest = this.masker.longestForm;
    // Positions before `hold` cannot start a secret that continues past the buffer's end.
    let hold = final || longest === 0 ? buf.length : Math.max(0, buf.length - (longest - 1));
    if (!final && !this.masker.formsSpanLines) {
      // No form contains a line break, so no secret crosses one: complete lines can go out now.
      hold = Math.max(hold, buf.lastIndexOf("\n") + 1);
    }
    const spans = this.masker.spans(buf).filter(([start]) => start < hold);
    let cut = hold;
    const spanning = spans.find(([start, end]) => start < hold && end > hold);
    // A secret found across the cut may overlap one that is not complete yet: keep it whole.
    if (spanning) cut = spanning[0];
    if (buf.length - cut > this.#maxHold) cut = buf.length - this.#maxHold;
    if (cut <= 0) return;
    const emitted: Interval[] = spans.filter(([start]) => start < cut).map(([start, end]) => [start, Math.min(end, cut)]);
    this.sink(replaceSpans(buf.slice(0, cut), emitted));
    this.#buffer = buf.slice(cut);
  }
}

/** A task logger whose every message is masked (the line-oriented path: one message, one line). */
export function maskingLogger(logger: TaskLogger, masker: SecretMasker): TaskLogger {
  return { log: (level: LogLevel, message: string) => logger.log(level, masker.redact(message)) };
}
