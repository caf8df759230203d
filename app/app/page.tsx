// `/app`: where login and sign-up land. Sends a signed-in person to the first
// environment they can see (dev of their first workspace, normally).
import { redirect } from "next/navigation";
import { pageAccess } from "@/lib/server/authz";
import { findLandingEnvironment } from "@/lib/server/services/tenancy/find-landing-environment";

export const dynamic = "force-dynamic";

export default async function AppEntry() {
  const access = await pageAccess("account.read", undefined);
  const landing = await findLandingEnvironment(access);
  if (landing.kind === "environment") redirect(`/o/${landing.orgSlug}/w/${landing.workspaceSlug}/e/${landing.envSlug}/dags`);
  if (landing.kind === "organization") redirect(`/o/${landing.orgSlug}`);
  redirect("/app/account");
}
