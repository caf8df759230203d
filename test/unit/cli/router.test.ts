// The command router in-process: registry shape, help, usage errors, exit codes.
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../../lib/cli/command";
import { COMMANDS } from "../../../lib/cli/commands/index";
import { main } from "../../../lib/cli/main";

function fakeIo() {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), now: () => Date.UTC(2024, 5, 1), cwd: process.cwd() };
  return { io, out };
}

describe("command registry", () => {
  it("has one command per path, each with a usage that starts with its words", () => {
    const paths = COMMANDS.map((c) => c.path.join(" "));
    expect(new Set(paths).size).toBe(paths.length);
    for (const c of COMMANDS) expect(c.usage.startsWith(c.path.join(" "))).toBe(true);
    expect(paths).toEqual(expect.arrayContaining(["dags validate", "dags next-runs", "dags show", "dags build"]));
  });
});

describe("main(argv)", () => {
  it("prints help on --help (exit 0) and on no arguments (stderr, exit 2)", async () => {
    const a = fakeIo();
    expect(await main(["--help"], a.io)).toBe(0);
    expect(a.out.stdout).toContain("windsock dags next-runs FILE");
    const b = fakeIo();
    expect(await main([], b.io)).toBe(2);
    expect(b.out.stdout).toBe("");
    expect(b.out.stderr).toContain("Commands:");
  });

  it("answers an unknown command or flag with exit 2 and the usage", async () => {
    const a = fakeIo();
    expect(await main(["dags", "nope"], a.io)).toBe(2);
    expect(a.out.stderr).toContain('unknown command "dags nope"');
    expect(a.out.stderr).toContain("windsock dags validate");
    const b = fakeIo();
    expect(await main(["dags", "validate", "--frob"], b.io)).toBe(2);
    expect(b.out.stderr).toContain("usage: windsock dags validate");
  });

  it("uses the injected clock when --now is not given", async () => {
    const { io, out } = fakeIo();
    expect(await main(["dags", "next-runs", "examples/daily_report.yaml", "-n", "1", "--json"], io)).toBe(0);
    // now = 2024-06-01T00:00Z (02:00 in Zurich), catchup off: Airflow 3 runs the latest tick,
    // 06:00 local the day before.
    expect(JSON.parse(out.stdout)[0].run_after).toBe("2024-05-31T04:00:00Z");
  });
});
