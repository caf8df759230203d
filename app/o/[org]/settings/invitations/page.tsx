import type { Metadata } from "next";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listGroups } from "@/lib/server/services/access/list-groups";
import { listInvitations, type InvitationStatus } from "@/lib/server/services/access/list-invitations";
import { Section } from "@/app/_components/page-header";
import { ActionButton } from "../_people/action-button";
import { InviteForm } from "../_people/people-forms";
import { revokeInvitationAction } from "../people-actions";

export const metadata: Metadata = { title: "Invitations" };

type Props = { params: Promise<{ org: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const STATUS: Record<InvitationStatus, string> = {
  pending: "bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30",
  accepted: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  expired: "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-600/40",
  revoked: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/30",
};

export default async function InvitationsPage({ params }: Props) {
  const { org } = await params;
  const access = await pageAccess("member.read", { orgSlug: org });
  const slug = access.organization.slug;
  const canInvite = roleAtLeast(access.role, "admin");
  const [invitations, groups] = await Promise.all([
    listInvitations(access),
    canInvite ? pageAccess("group.read", { orgSlug: org }).then(listGroups) : Promise.resolve([]),
  ]);
  const pending = invitations.filter((i) => i.status === "pending").length;
  return (
    <>
      {canInvite ? (
        <Section id="invite" title="Invite people" description="They get a link by email that works once and expires in 7 days. Accepting joins the organization and the groups you choose.">
          <InviteForm
            orgSlug={slug}
            groups={groups.map((g) => ({
              id: g.id,
              name: g.name,
              summary: g.bindings.length ? g.bindings.map((b) => `${b.role} on ${b.scope.level === "organization" ? "the whole organization" : b.label}`).join(" · ") : "Not bound yet: no access",
            }))}
          />
        </Section>
      ) : null}
      <Section id="invitations" title="Invitations" footer={<span>{pending === 1 ? "1 pending" : `${pending} pending`}</span>}>
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No invitations yet.</p>
        ) : (
          <ul className="-mx-5 divide-y divide-slate-200 border-y border-slate-200 sm:-mx-6 dark:divide-slate-800 dark:border-slate-800">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-col gap-2 px-5 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900 dark:text-white">
                    <span className="truncate">{i.email}</span>
                    <span className={`rounded-md px-1.5 py-0.5 text-[11px] font-semibold capitalize ring-1 ring-inset ${STATUS[i.status]}`}>{i.status}</span>
                  </p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    {i.groups.map((g) => g.name).join(", ") || "groups since deleted"} · invited {i.invitedBy ? `by ${i.invitedBy} ` : ""}
                    {dateFormat.format(i.createdAt)} UTC
                    {i.status === "pending" ? ` · expires ${dateFormat.format(i.expiresAt)} UTC` : ""}
                  </p>
                </div>
                {canInvite && i.status === "pending" ? (
                  <ActionButton
                    action={revokeInvitationAction.bind(null, slug, i.id)}
                    label="Revoke"
                    pendingLabel="Revoking…"
                    confirmLabel="Revoke invitation"
                    confirmText="The link stops working."
                    variant="danger"
                    accessibleName={`Revoke the invitation of ${i.email}`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
