// The one route without authentication: load balancers and `npm start` poll it.
import { checkHealth } from "@/lib/server/services/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const { healthy, health } = await checkHealth();
  return Response.json(health, { status: healthy ? 200 : 503, headers: { "cache-control": "no-store" } });
}
