// Pool rules, pure: which names and slot counts a pool takes, and the figures it shows.
import { describe, expect, it } from "vitest";
import { poolFigures, poolProblems, ZCreatePoolRequestSchema } from "../../../lib/domain/pool";

const problems = (body: unknown) => {
  const r = ZCreatePoolRequestSchema.safeParse(body);
  return r.success ? {} : poolProblems(r.error);
};

describe("pool request rules", () => {
  it.each([
    [{ name: "etl", slots: 0 }, {}],
    [{ name: "a.b-C_9", slots: 1_000_000, description: null }, {}],
    [{ name: "", slots: 1 }, { name: "is required, e.g. etl_warehouse" }],
    [{ name: "two words", slots: 1 }, { name: 'may contain only letters, digits, "_", "-" and "."' }],
    [{ name: "x".repeat(257), slots: 1 }, { name: "must be at most 256 characters" }],
    [{ name: "unlimited", slots: -1 }, {}],
    [{ name: "p", slots: -2 }, { slots: "must be 0 or more (0 lets no task of the pool run), or -1 for no limit" }],
    [{ name: "p", slots: 2.5 }, { slots: "must be a whole number" }],
    [{ name: "p", slots: 1_000_001 }, { slots: "must be at most 1000000" }],
    [{ name: "p", slots: "3" }, { slots: "must be a whole number of slots, 0 or more" }],
    [{ name: "p", slots: 1, include_deferred: true }, { include_deferred: expect.stringMatching(/no deferred tasks/) }],
    [{}, { name: "is required, e.g. etl_warehouse", slots: "is required: a whole number of slots, 0 or more" }],
  ])("%j -> %j", (body, expected) => {
    expect(problems(body)).toEqual(expected);
  });
});

describe("poolFigures", () => {
  it("counts running slots as occupied; waiting tries hold none; open goes negative after a shrink", () => {
    expect(poolFigures(4, 3, 5)).toEqual({ slots: 4, occupied_slots: 3, running_slots: 3, queued_slots: 5, scheduled_slots: 0, deferred_slots: 0, open_slots: 1 });
    expect(poolFigures(2, 3, 0).open_slots).toBe(-1);
    expect(poolFigures(0, 0, 1).open_slots).toBe(0);
    expect(poolFigures(-1, 40, 0)).toMatchObject({ slots: -1, running_slots: 40, open_slots: -1 });
  });
});
