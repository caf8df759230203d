// A try's rendered template fields are kept with the try for people to read (Airflow's
// RenderedTaskInstanceFields). Like Airflow's `max_templated_field_length`, a long value is
// kept as a truncated text, and the whole set has a ceiling, so a huge render cannot bloat
// the try's row.

/** Characters of one field's JSON kept as it is (Airflow's default is 4096; ours is roomier). */
export const MAX_RENDERED_FIELD_CHARS = 16_384;
/** Characters of all fields of one try together. */
export const MAX_RENDERED_TOTAL_CHARS = 65_536;

export function capRenderedFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let total = 0;
  for (const [name, value] of Object.entries(fields)) {
    const json = JSON.stringify(value) ?? "null";
    let kept: unknown = value;
    let size = json.length;
    if (json.length > MAX_RENDERED_FIELD_CHARS) {
      kept = `Truncated: the rendered value has ${json.length} characters; the first ${MAX_RENDERED_FIELD_CHARS} are kept.\n${json.slice(0, MAX_RENDERED_FIELD_CHARS)}`;
      size = MAX_RENDERED_FIELD_CHARS + 100;
    }
    if (total + size > MAX_RENDERED_TOTAL_CHARS) {
      kept = `Not kept: the try's rendered fields together exceed ${MAX_RENDERED_TOTAL_CHARS} characters.`;
      size = 100;
    }
    total += size;
    Object.defineProperty(out, name, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
