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
      <Section id="slug" title="Organization URL" description="Links and API calls use this identifier. It does not change when you rename.">
        <code className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100">/o/{access.organization.slug}</code>
      </Section>
    </>
  );
}
