// The body of `POST …/dags`: one DAG file, its format named by Content-Type. Anything else
// is a 415 that says which types are read.
import { AppError } from "../../errors";
import type { DagFileFormat } from "./check-dag-file";
import { MAX_DAG_FILE_BYTES } from "./check-dag-file";

const YAML_TYPES = new Set(["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"]);
const JSON_TYPES = new Set(["application/json"]);

export function dagFileFormatOf(contentType: string | null): DagFileFormat {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (YAML_TYPES.has(type)) return "yaml";
  if (JSON_TYPES.has(type)) return "json";
  throw new AppError(
    "unsupported_media_type",
    `${type ? `Content-Type "${type}" is not a DAG file format` : "The request has no Content-Type"}. Send the DAG file as the body with Content-Type: application/yaml (YAML) or application/json (JSON).`,
  );
}

export async function readDagFileBody(request: Request): Promise<{ body: string; format: DagFileFormat }> {
  const format = dagFileFormatOf(request.headers.get("content-type"));
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_DAG_FILE_BYTES * 4) throw new AppError("bad_request", `The DAG file is too large (${length} bytes). Split it into several DAGs.`);
  let body: string;
  try {
    body = await request.text();
  } catch {
    throw new AppError("bad_request", "The request body could not be read as UTF-8 text.");
  }
  return { body: body.replace(/^\uFEFF/, ""), format };
}
