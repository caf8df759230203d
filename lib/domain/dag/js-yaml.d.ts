// The part of js-yaml 4 we use (the package ships no types).
declare module "js-yaml" {
  export const CORE_SCHEMA: unknown;
  export function load(
    text: string,
    opts?: { schema?: unknown; json?: boolean; filename?: string; listener?: (event: string, state: { anchorMap?: object }) => void },
  ): unknown;
  const jsyaml: { load: typeof load; CORE_SCHEMA: unknown };
  export default jsyaml;
}
