// The QuickJS WebAssembly module is compiled once per process; each try gets its own
// runtime (own heap, limits, interrupt handler) on an instance of it. After a fatal error
// the instance is dropped and the next try instantiates the compiled module again (~ms).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { newQuickJSWASMModule, newVariant, RELEASE_SYNC, type CustomizeVariantOptions, type QuickJSWASMModule } from "quickjs-emscripten";

let compiled: Promise<WebAssembly.Module | undefined> | undefined;
let instance: Promise<QuickJSWASMModule> | undefined;

function compiledModule(): Promise<WebAssembly.Module | undefined> {
  compiled ??= (async () => {
    try {
      const require = createRequire(import.meta.url);
      const bytes = await readFile(require.resolve("@jitl/quickjs-wasmfile-release-sync/wasm"));
      return await WebAssembly.compile(bytes);
    } catch {
      return undefined; // let the variant load it its own way
    }
  })();
  return compiled;
}

export function loadQuickJS(): Promise<QuickJSWASMModule> {
  instance ??= (async () => {
    const wasmModule = await compiledModule();
    // Emscripten prints aborts (e.g. freeing a runtime stopped mid-allocation) to stderr; those
    // are handled here, and stderr belongs to task logs.
    // print/printErr are standard Emscripten Module fields, passed through verbatim.
    const quiet = { print: () => undefined, printErr: () => undefined } as unknown as CustomizeVariantOptions["emscriptenModule"];
    const variant = newVariant(RELEASE_SYNC, wasmModule ? { wasmModule, emscriptenModule: quiet } : { emscriptenModule: quiet });
    return newQuickJSWASMModule(variant);
  })().catch((error: unknown) => {
    instance = undefined;
    throw error;
  });
  return instance;
}

/** Drop the shared instance after a fatal WebAssembly error, so the next try starts on a clean one. */
export function discardQuickJS(): void {
  instance = undefined;
}
