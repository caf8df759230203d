// Bundles the code that runs inside QuickJS (lib/operators/guest/) into one script per
// entry, once per process. Kept apart so a script try does not parse the Jinja renderer.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

export type GuestEntry = "script" | "jinja";

const bundles = new Map<GuestEntry, Promise<string>>();

export function guestBundle(entry: GuestEntry): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [fileURLToPath(new URL(`../guest/${entry}-main.ts`, import.meta.url))],
      bundle: true,
      format: "iife",
      target: "es2020",
      write: false,
      minify: true,
      legalComments: "none",
    }).then(
      (result) => result.outputFiles[0].text,
      (error: unknown) => {
        bundles.delete(entry);
        throw error;
      },
    );
    bundles.set(entry, bundle);
  }
  return bundle;
}
