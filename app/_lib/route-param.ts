// A dynamic segment of a page's URL, decoded. A hand-edited URL can carry a broken escape
// ("%E0%A4%A"): that names nothing, so the page is a 404 rather than a URIError and a 500.
import { notFound } from "next/navigation";

export function routeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    notFound();
  }
}

/** For titles (generateMetadata): the raw text when it does not decode. */
export function routeParamText(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
