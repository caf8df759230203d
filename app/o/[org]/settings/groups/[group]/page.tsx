import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ROLES, roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { loadGroup } from "@/lib/server/services/access/load-group";
import { Section } from "@/app/_components/page-header";
import { ActionButton } from "../../_people/action-button";
import { AddMemberForm, BindingForm, RenameGroupForm } from "../../_people/people-forms";
import { RoleBadge } from "../../_people/role-badge";
import { deleteBindingAction, deleteGroupAction, removeGroupMemberAction } from "../../people-actions";

export const metadata: Metadata = { title: "Group" };

type Props = { params: Promise<{ org: string; group: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function GroupPage({ params }: Props) {
  const { org, group: groupId } = await params;
  const access = await pageAccess("group.read", { orgSlug: org });
  const group = await loadGroup(access, groupId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const slug = access.organization.slug;
  const canManage = roleAtLeast(access.role, "admin");
  return (
    <>
      <div>
        <Link href={`/o/${slug}/settings/groups`} className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-400">
          ← All groups
        </Link>
        <h2 className="mt-2 text-xl font-semibold tracking-tight text-slate-900 dark:text-white">{group.name}</h2>
        {group.description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{group.description}</p> : null}
        {group.isOwners ? (
          <p className="mt-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
            The Owners group holds the organization&apos;s owners. It cannot be deleted or become empty; only owners change who is in it.
          </p>
        ) : null}
      </div>

      <Section id="bindings" title="Role bindings" description="What members of this group may do, and where. A binding on a wider scope applies below it; the highest role wins.">
        {group.bindings.length ? (
          <ul className="-mx-5 mb-5 divide-y divide-slate-200 border-y border-slate-200 sm:-mx-6 dark:divide-slate-800 dark:border-slate-800">
            {group.bindings.map((b) => (
              <li key={b.id} className="flex items-center justify-between gap-3 px-5 py-3 sm:px-6">
                <div className="flex min-w-0 items-center gap-3">
                  <RoleBadge role={b.role} />
                  <span className="truncate text-sm text-slate-800 dark:text-slate-200">{b.label}</span>
                </div>
                {b.canRemove ? (
                  <ActionButton
                    action={deleteBindingAction.bind(null, slug, b.id)}
                    label="Remove"
                    pendingLabel="Removing…"
                    confirmLabel="Remove binding"
                    confirmText={`Members lose ${b.role} on ${b.label}.`}
                    variant="danger"
                    accessibleName={`Remove ${b.role} on ${b.label}`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-5 text-sm text-slate-500 dark:text-slate-400">No bindings yet: members of this group get no access from it.</p>
        )}
        {group.scopes.length ? (
          <BindingForm orgSlug={slug} groupId={group.id} scopes={group.scopes} roles={[...ROLES]} />
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">Only admins of a scope bind groups there; you are admin nowhere in this organization.</p>
        )}
      </Section>

      <Section id="group-members" title="Members" footer={<span>{group.members.length === 1 ? "1 member" : `${group.members.length} members`}</span>}>
        {group.members.length ? (
          <ul className="-mx-5 mb-5 divide-y divide-slate-200 border-y border-slate-200 sm:-mx-6 dark:divide-slate-800 dark:border-slate-800">
            {group.members.map((m) => (
              <li key={m.userId} className="flex items-center justify-between gap-3 px-5 py-3 sm:px-6">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{m.name}</p>
                  <p className="truncate text-xs text-slate-500 dark:text-slate-400">
                    {m.email} · added {dateFormat.format(m.addedAt)}
                  </p>
                </div>
                {group.isOwners && group.members.length === 1 ? (
                  <span className="text-xs text-slate-500 dark:text-slate-400">Last owner: add another before removing</span>
                ) : canManage ? (
                  <ActionButton
                    action={removeGroupMemberAction.bind(null, slug, group.id, m.userId)}
                    label="Remove"
                    pendingLabel="Removing…"
                    confirmLabel="Remove from group"
                    confirmText={`${m.name} loses this group's roles.`}
                    variant="danger"
                    accessibleName={`Remove ${m.name} from ${group.name}`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-5 text-sm text-slate-500 dark:text-slate-400">Nobody is in this group yet.</p>
        )}
        {canManage ? <AddMemberForm orgSlug={slug} groupId={group.id} candidates={group.candidates} /> : null}
      </Section>

      {canManage ? (
        <Section id="group-settings" title="Name and description">
          <RenameGroupForm orgSlug={slug} groupId={group.id} name={group.name} description={group.description} nameLocked={group.isOwners} />
        </Section>
      ) : null}

      {canManage && !group.isOwners ? (
        <Section id="danger" title="Delete group" description="Members lose every role this group gives them, at once. People stay in the organization.">
          <div className="flex justify-start">
            <ActionButton
              action={deleteGroupAction.bind(null, slug, group.id)}
              label="Delete group"
              pendingLabel="Deleting…"
              confirmLabel={`Delete ${group.name}`}
              confirmText="This cannot be undone."
              variant="danger"
            />
          </div>
        </Section>
      ) : null}
    </>
  );
}
