import type { Metadata } from "next";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { Section } from "@/app/_components/page-header";
import { OrganizationNameForm } from "./name-form";

export const metadata: Metadata = { title: "Organization settings" };

type Props = { params: Promise<{ org: string }> };

export default async function OrganizationGeneralSettings({ params }: Props) {
  const { org } = await params;
  const access = await pageAccess("organization.read", { orgSlug: org });
  return (
    <>
      <Section id="general" title="General" description="How your organization appears in Windsock.">
        <OrganizationNameForm orgSlug={access.organization.slug} name={access.organization.name} canEdit={roleAtLeast(access.role, "admin")} />
      </Section>
      <Section id="slug" title="Organization URL" description="Links use the URL; the REST API (/api/v1/organizations/{id}/…) uses the id. Neither changes when you rename.">
        <dl className="grid gap-3 text-sm sm:grid-cols-[auto_1fr] sm:items-center">
          <dt className="text-slate-500 dark:text-slate-400">URL</dt>
          <dd>
            <code className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100">/o/{access.organization.slug}</code>
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">API id</dt>
          <dd>
            <code className="break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100">{access.organization.id}</code>
          </dd>
        </dl>
      </Section>
    </>
  );
}
