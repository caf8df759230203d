// Add a connection (editor): typed fields, or an import from an Airflow connection URI.
import type { Metadata } from "next";
import Link from "next/link";
import { pageAccess } from "@/lib/server/authz";
import { PageHeader, Section } from "@/app/_components/page-header";
import { ConnectionForm } from "../_components/connection-form";
import { ImportUriForm } from "../_components/import-uri-form";

export const metadata: Metadata = { title: "Add connection" };

type Props = { params: Promise<{ org: string; ws: string; env: string }> };

export default async function NewConnectionPage({ params }: Props) {
  const { org, ws, env } = await params;
  const access = await pageAccess("connection.write", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/connections`;
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-6">
      <PageHeader
        eyebrow={
          <Link href={base} className="text-sm text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200">
            ← Connections
          </Link>
        }
        title="Add connection"
        description={`Available to tasks in ${access.workspace.name} / ${scope.envSlug} only.`}
      />
      <div className="mt-6 space-y-6">
        <Section title="Enter the fields" description="Pick the type; the form shows the fields it uses. Secret fields are encrypted with a key of their own and never shown again.">
          <ConnectionForm scope={scope} mode="create" />
        </Section>
        <Section id="import" title="Or import an Airflow connection URI" description="Moving from Airflow? Paste the value of an AIRFLOW_CONN_… variable.">
          <ImportUriForm scope={scope} />
        </Section>
      </div>
    </main>
  );
}
