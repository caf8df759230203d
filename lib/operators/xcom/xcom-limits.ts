// XCom values are JSON with a size limit, so one task cannot flood the store.

export const DEFAULT_XCOM_MAX_BYTES = 1024 * 1024;

export class XComError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XComError";
  }
}

/** Serializes an XCom value, refusing what is not JSON or is larger than the limit. */
export function serializeXCom(taskId: string, key: string, value: unknown, maxBytes: number): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new XComError(`task '${taskId}' pushed XCom '${key}' that cannot be stored as JSON: ${(error as Error).message}`);
  }
  if (json === undefined) throw new XComError(`task '${taskId}' pushed XCom '${key}' that cannot be stored as JSON`);
  return checkXComSize(taskId, key, json, maxBytes);
}

export function checkXComSize(taskId: string, key: string, json: string, maxBytes: number): string {
  const size = Buffer.byteLength(json, "utf8");
  if (size > maxBytes) {
    throw new XComError(
      `task '${taskId}' pushed XCom '${key}' of ${formatBytes(size)}, more than the limit of ${formatBytes(maxBytes)}; ` +
        `store large data elsewhere (a table, a bucket) and pass a reference through XCom`,
    );
  }
  return json;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(2)} MiB (${n} bytes)`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
  return `${n} bytes`;
}
