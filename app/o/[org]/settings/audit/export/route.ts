// NDJSON export of the organization's audit log (the filters of the audit page apply),
// streamed row by row. Admins and owners only ("audit.read").
import { withAccess } from "@/lib/server/authz";
import { exportAuditEvents } from "@/lib/server/services/access/export-audit-events";
import { parseAuditFilter } from "@/lib/server/services/access/list-audit-events";

export const dynamic = "force-dynamic";

export const GET = withAccess(
  "audit.read",
  (params: { org: string }) => ({ orgSlug: params.org }),
  async (request, access) => {
    const filter = parseAuditFilter(new URL(request.url).searchParams);
    const rows = exportAuditEvents(access, filter);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await rows.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error("audit export failed mid-stream:", error);
          controller.error(error);
        }
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${access.organization.slug}-${day}.ndjson"`,
        "cache-control": "no-store",
      },
    });
  },
);
