// The QuickJS WebAssembly module is compiled once per process and shared: each try
// gets its own runtime (own heap, limits, interrupt handler) on top of it.
import { newQuickJSWASMModule, RELEASE_SYNC, type QuickJSWASMModule } from "quickjs-emscripten";

let modulePromise: Promise<QuickJSWASMModule> | undefined;

export function loadQuickJS(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModule(RELEASE_SYNC).catch((error: unknown) => {
    modulePromise = undefined;
    throw error;
  });
  return modulePromise;
}

/** Drop the shared module after a fatal WebAssembly error, so the next try loads a clean one. */
export function discardQuickJS(): void {
  modulePromise = undefined;
}
