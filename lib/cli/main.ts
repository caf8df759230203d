// Entry of the `windsock` CLI (bin/windsock.js). Routes argv to a command from the
// registry in ./commands/index.ts and returns the exit code. Stdout is for machine output,
// stderr for messages.
import { parseArgs } from "node:util";
import { EXIT, UsageError, type CliIo, type Command } from "./command";
import { COMMANDS } from "./commands/index";

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const words = argv.filter((a) => !a.startsWith("-"));
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    // Asked for: help is the output. Not asked for (no arguments): it explains a usage error.
    if (argv.length === 0) {
      io.stderr(helpText());
      return EXIT.usage;
    }
    io.stdout(helpText());
    return EXIT.ok;
  }
  if (argv[0] === "--version") {
    io.stdout("windsock 0.1.0\n");
    return EXIT.ok;
  }
  const command = findCommand(argv);
  if (!command) {
    const group = COMMANDS.filter((c) => c.path[0] === words[0]);
    const known = (group.length ? group : COMMANDS).map((c) => `  windsock ${c.usage}`).join("\n");
    io.stderr(`windsock: unknown command "${words.slice(0, 2).join(" ")}"\n\nCommands:\n${known}\n`);
    return EXIT.usage;
  }
  const rest = argv.slice(command.path.length);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`usage: windsock ${command.usage}\n\n${command.summary}\n`);
    return EXIT.ok;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`windsock ${command.path.join(" ")}: ${(e as Error).message}\nusage: windsock ${command.usage}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values, io });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`windsock ${command.path.join(" ")}: ${e.message}\nusage: windsock ${command.usage}\n`);
      return EXIT.usage;
    }
    io.stderr(`windsock ${command.path.join(" ")}: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.failure;
  }
}

function findCommand(argv: string[]): Command | undefined {
  return COMMANDS.filter((c) => c.path.every((w, i) => argv[i] === w)).sort((a, b) => b.path.length - a.path.length)[0];
}

function helpText(): string {
  const lines = COMMANDS.map((c) => `  windsock ${c.usage}\n      ${c.summary}`);
  return `windsock: the Windsock command line\n\nCommands:\n${lines.join("\n")}\n\nRun "windsock <command> --help" for details.\n`;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    now: () => Date.now(),
    cwd: process.cwd(),
  };
}
