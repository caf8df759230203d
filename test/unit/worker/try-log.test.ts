// A try's log on its way to PostgreSQL: ordered chunks, and a cap with a visible notice.
import { describe, expect, it } from "vitest";
import { TryLog } from "../../../worker/activities/try-log";

describe("TryLog", () => {
  it("hands out what was logged since the last take, as numbered chunks in order", () => {
    const log = new TryLog("extract", 1024 * 1024);
    expect(log.take()).toBeNull();
    log.log("info", "one");
    log.log("warn", "two\nlines");
    const first = log.take()!;
    expect(first.seq).toBe(0);
    expect(first.text).toMatch(/^\[\d{4}-\d\d-\d\dT[^\]]+\] \{extract\} INFO - one\n\[[^\]]+\] \{extract\} WARN - two\n\[[^\]]+\] \{extract\} WARN - lines\n$/);
    log.log("error", "three");
    expect(log.take()).toMatchObject({ seq: 1, text: expect.stringContaining("ERROR - three") });
    expect(log.take()).toBeNull();
  });

  it("stops at the cap with one notice that says so, and counts the bytes kept", () => {
    const log = new TryLog("chatty", 64 * 1024);
    for (let i = 0; i < 10_000; i++) log.log("info", `line ${i} ${"x".repeat(50)}`);
    const text = log.take()!.text;
    expect(log.truncated).toBe(true);
    expect(Buffer.byteLength(text)).toBe(log.bytes);
    expect(log.bytes).toBeLessThan(64 * 1024 + 300);
    expect(text.match(/Log truncated/g)).toHaveLength(1);
    expect(text.trimEnd().split("\n").at(-1)).toContain("*** Log truncated: this try wrote more than 64 KiB; later lines were dropped. ***");
    log.log("info", "after the cap");
    expect(log.take()).toBeNull();
  });
});
