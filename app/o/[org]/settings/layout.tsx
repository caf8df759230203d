// Organization settings: a side navigation next to the section. Each page gates itself;
// this layout gates too, since it renders even when the page is refused.
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { SettingsNav } from "./settings-nav";

type Props = { children: React.ReactNode; params: Promise<{ org: string }> };

export default async function SettingsLayout({ children, params }: Props) {
  const { org } = await params;
  const access = await pageAccess("organization.view", { orgSlug: org });
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <p className="text-sm text-slate-500 dark:text-slate-400">{access.organization.name}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Organization settings</h1>
      <div className="mt-8 flex flex-col gap-8 md:flex-row">
        <SettingsNav base={`/o/${access.organization.slug}/settings`} showAudit={roleAtLeast(access.role, "admin")} />
        <div className="min-w-0 flex-1 space-y-6">{children}</div>
      </div>
    </main>
  );
}
