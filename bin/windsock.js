#!/usr/bin/env node
// The `windsock` CLI. Runs the TypeScript sources directly through tsx, so a fresh
// clone needs no build step (local commands need no server or environment either).
import { register } from "tsx/esm/api";
register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
