// Environment settings: Airflow 2/3 defaults, sandbox limits, XCom and log limits, the
// local-activity threshold. Everyone in the environment sees them; admins change them.
import type { Metadata } from "next";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { getEnvironmentSettings } from "@/lib/server/services/environments/get-environment-settings";
import { PageHeader, Section } from "@/app/_components/page-header";
import { EnvironmentSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Environment settings" };

type Props = { params: Promise<{ org: string; ws: string; env: string }> };

export default async function EnvironmentSettingsPage({ params }: Props) {
  const { org, ws, env } = await params;
  const access = await pageAccess("environment.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const settings = await getEnvironmentSettings(access);
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader title="Environment settings" description={`How DAGs deployed to ${access.workspace.name} / ${access.environment.slug} are read and run.`} />
      <div className="mt-6 max-w-3xl">
        <Section id="execution" title="Scheduling and execution">
          <EnvironmentSettingsForm scope={scope} settings={settings} canEdit={roleAtLeast(access.role, "admin")} />
        </Section>
      </div>
    </main>
  );
}
