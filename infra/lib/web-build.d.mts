export function ensureWebBuild(
  root: string,
  options?: { distDir?: string; env?: Record<string, string | undefined>; log?: (message: string) => void; showOutput?: boolean },
): boolean;
