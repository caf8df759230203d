"use client";
// The organization / workspace / environment switcher in the top bar. It reads the
// current slugs from the URL and offers only what the server said the caller can see.
import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { EnvBadge, EnvDot } from "./env-badge";
import { ScopeListbox } from "./scope-listbox";

export interface SwitcherNavigation {
  organizations: { slug: string; name: string }[];
  workspaces: { slug: string; name: string; environments: { slug: string; name: string; role: string }[] }[];
  canCreateWorkspace: boolean;
}

export function ScopeSwitcher({ navigation }: { navigation: SwitcherNavigation | null; organizationsOnly?: boolean }) {
  const params = useParams<{ org?: string; ws?: string; env?: string }>();
  const pathname = usePathname();
  if (!navigation) return null;
  const org = navigation.organizations.find((o) => o.slug === params.org);
  const ws = navigation.workspaces.find((w) => w.slug === params.ws);
  const env = ws?.environments.find((e) => e.slug === params.env);

  // Switching environment keeps the section you are in (DAGs stays DAGs).
  const section = env ? (pathname.split(`/e/${env.slug}/`)[1]?.split("/")[0] ?? "dags") : "dags";

  return (
    <nav aria-label="Organization, workspace and environment" className="flex min-w-0 items-center gap-0.5">
      <ScopeListbox
        label="Organization"
        current={
          org ? (
            <>
              <OrgAvatar name={org.name} />
              <span className="hidden truncate sm:inline">{org.name}</span>
            </>
          ) : (
            <span className="truncate">Your organizations</span>
          )
        }
        selectedKey={org?.slug ?? null}
        options={navigation.organizations.map((o) => ({ key: o.slug, href: `/o/${o.slug}`, label: o.name, adornment: <OrgAvatar name={o.name} /> }))}
        footer={
          org ? (
            <Link href={`/o/${org.slug}/settings`} className={FOOTER_LINK}>
              <Gear /> Organization settings
            </Link>
          ) : null
        }
      />
      {org ? (
        <>
          <Slash />
          <ScopeListbox
            label="Workspace"
            current={<span className="truncate">{ws?.name ?? "Workspaces"}</span>}
            selectedKey={ws?.slug ?? null}
            options={navigation.workspaces.map((w) => ({
              key: w.slug,
              href: `/o/${org.slug}/w/${w.slug}`,
              label: w.name,
              hint: w.environments.map((e) => e.slug).join(" · ") || "no environment you can see",
            }))}
            footer={
              navigation.canCreateWorkspace ? (
                <Link href={`/o/${org.slug}/settings/workspaces#create`} className={FOOTER_LINK}>
                  <Plus /> Create workspace
                </Link>
              ) : null
            }
          />
        </>
      ) : null}
      {org && ws ? (
        <>
          <Slash />
          <ScopeListbox
            label="Environment"
            width="w-56"
            align="right"
            current={env ? <EnvBadge slug={env.slug} /> : <span>Choose an environment</span>}
            selectedKey={env?.slug ?? null}
            options={ws.environments.map((e) => ({
              key: e.slug,
              href: `/o/${org.slug}/w/${ws.slug}/e/${e.slug}/${section}`,
              label: `${e.slug} — ${e.name}`,
              hint: `You: ${e.role}`,
              adornment: <EnvDot slug={e.slug} />,
            }))}
          />
        </>
      ) : null}
    </nav>
  );
}

const FOOTER_LINK =
  "flex items-center gap-2 rounded-lg px-2.5 py-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-300 dark:hover:bg-slate-800";

export function OrgAvatar({ name }: { name: string }) {
  const letter = name.trim().charAt(0).toUpperCase() || "?";
  return (
    <span aria-hidden="true" className="grid h-5 w-5 flex-none place-items-center rounded-md bg-gradient-to-br from-brand-500 to-indigo-600 text-[11px] font-semibold text-white">
      {letter}
    </span>
  );
}

function Slash() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 24" className="h-5 w-3 flex-none text-slate-300 dark:text-slate-700" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M11 3 5 21" />
    </svg>
  );
}

function Gear() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" className="h-4 w-4 text-slate-500">
      <circle cx="10" cy="10" r="2.5" />
      <path d="M10 2.5v2M10 15.5v2M17.5 10h-2M4.5 10h-2M15.3 4.7l-1.4 1.4M6.1 13.9l-1.4 1.4M15.3 15.3l-1.4-1.4M6.1 6.1 4.7 4.7" strokeLinecap="round" />
    </svg>
  );
}

function Plus() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="h-4 w-4 text-slate-500">
      <path d="M8.75 3.75a.75.75 0 0 0-1.5 0v3.5h-3.5a.75.75 0 0 0 0 1.5h3.5v3.5a.75.75 0 0 0 1.5 0v-3.5h3.5a.75.75 0 0 0 0-1.5h-3.5v-3.5Z" />
    </svg>
  );
}
