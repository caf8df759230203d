// The Calendar's pure parts: weeks Monday-first around today with room for planned runs,
// local days in a timezone (including the night DST ends), and what a day is drawn as.
import { describe, expect, it } from "vitest";
import { calendarRange, calendarWeeks, calendarYear, dayLabel, dayStart, dayState, isDay, localDay } from "../../../lib/domain/run/calendar";

describe("calendarRange and calendarWeeks", () => {
  it("covers 52 weeks back and 4 ahead from today's week, Monday to Sunday", () => {
    const { from, to } = calendarRange("2026-12-06"); // a Sunday
    expect(from).toBe("2025-12-01");
    expect(to).toBe("2027-01-04");
    const weeks = calendarWeeks(from, to);
    expect(weeks).toHaveLength(57);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0][0]).toBe("2025-12-01");
    expect(weeks.at(-1)!.at(-1)).toBe("2027-01-03");
    expect(weeks.flat()).toContain("2026-12-06");
  });

  it("covers a whole year in whole weeks", () => {
    expect(calendarYear(2026)).toEqual({ from: "2025-12-29", to: "2027-01-04" }); // 1 Jan 2026 is a Thursday
    expect(calendarYear(2024)).toEqual({ from: "2024-01-01", to: "2025-01-06" }); // a Monday; 31 Dec a Tuesday
    expect(calendarWeeks(calendarYear(2026).from, calendarYear(2026).to)).toHaveLength(53);
  });

  it("starts on today's own Monday when today is a Monday", () => {
    expect(calendarRange("2026-11-02", 0, 0)).toEqual({ from: "2026-11-02", to: "2026-11-09" });
  });
});

describe("local days", () => {
  it("puts an instant on its wall-clock day in the timezone", () => {
    expect(localDay(Date.parse("2026-11-03T03:30:00Z"), "America/New_York")).toBe("2026-11-02");
    expect(localDay(Date.parse("2026-11-03T03:30:00Z"), "UTC")).toBe("2026-11-03");
    expect(localDay(Date.parse("2026-11-02T04:30:00Z"), "America/New_York")).toBe("2026-11-01"); // after the fall-back
  });

  it("knows when a local day starts, also on the 25-hour day", () => {
    expect(new Date(dayStart("2026-11-01", "America/New_York")).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(new Date(dayStart("2026-11-02", "America/New_York")).toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("accepts only real dates", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
    expect(isDay(undefined)).toBe(false);
  });
});

describe("dayState and dayLabel", () => {
  it.each([
    [{ success: 3, failed: 1 }, 0, "failed"],
    [{ success: 3, running: 1 }, 0, "running"],
    [{ success: 2, queued: 1 }, 2, "running"],
    [{ success: 2 }, 1, "success"],
    [{}, 2, "planned"],
    [{}, 0, null],
    [{ failed: 0, success: 1 }, 0, "success"],
  ] as const)("%j with %i planned is %s", (counts, planned, state) => {
    expect(dayState({ ...counts }, planned)).toBe(state);
  });

  it("says what happened that day", () => {
    expect(dayLabel("2026-11-03", { failed: 1, success: 3 })).toBe("2026-11-03: 3 success, 1 failed");
    expect(dayLabel("2026-11-03", { up_for_retry: 1, success: 1 }, 2)).toBe("2026-11-03: 1 success, 1 up for retry, 2 planned");
    expect(dayLabel("2026-11-04", {})).toBe("2026-11-04: no runs");
  });
});
