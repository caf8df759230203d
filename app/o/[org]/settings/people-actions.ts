"use server";
// People actions (groups, bindings, members, invitations). Each passes the gate itself —
// a server action is a public POST endpoint whatever page shows it — then calls one use
// case; the finer rules (groups only, never above your own role, Owners never empty) live
// in the services.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { actionAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { AppError } from "@/lib/server/errors";
import { addGroupMember } from "@/lib/server/services/access/add-group-member";
import { createGroup } from "@/lib/server/services/access/create-group";
import { createRoleBinding, parseScopeValue } from "@/lib/server/services/access/create-role-binding";
import { deleteGroup } from "@/lib/server/services/access/delete-group";
import { deleteRoleBinding } from "@/lib/server/services/access/delete-role-binding";
import { inviteMember } from "@/lib/server/services/access/invite-member";
import { leaveOrganization } from "@/lib/server/services/access/leave-organization";
import { removeGroupMember } from "@/lib/server/services/access/remove-group-member";
import { removeMember } from "@/lib/server/services/access/remove-member";
import { renameGroup } from "@/lib/server/services/access/rename-group";
import { revokeInvitation } from "@/lib/server/services/access/revoke-invitation";
import type { FormState } from "@/app/(auth)/_components/form-state";

const str = (formData: FormData, key: string) => String(formData.get(key) ?? "");
const settings = (orgSlug: string) => `/o/${orgSlug}/settings`;

export async function createGroupAction(orgSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = { name: str(formData, "name"), description: str(formData, "description") };
  let target: string;
  try {
    const access = await actionAccess("group.manage", { orgSlug });
    const group = await createGroup(access, values);
    target = `${settings(access.organization.slug)}/groups/${group.id}`;
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(settings(orgSlug), "layout");
  redirect(target);
}

export async function renameGroupAction(orgSlug: string, groupId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = { name: str(formData, "name"), description: str(formData, "description") };
  try {
    const access = await actionAccess("group.manage", { orgSlug });
    await renameGroup(access, groupId, values);
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(settings(orgSlug), "layout");
  return { notice: "Saved.", values };
}

export async function deleteGroupAction(orgSlug: string, groupId: string): Promise<FormState> {
  try {
    const access = await actionAccess("group.manage", { orgSlug });
    await deleteGroup(access, groupId);
  } catch (error) {
    return formError(error, {});
  }
  revalidatePath(settings(orgSlug), "layout");
  redirect(`${settings(orgSlug)}/groups`);
}

export async function addGroupMemberAction(orgSlug: string, groupId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = { userId: str(formData, "userId") };
  try {
    const access = await actionAccess("group.manage", { orgSlug });
    const { user, group } = await addGroupMember(access, groupId, values);
    revalidatePath(settings(orgSlug), "layout");
    return { notice: `${user.name} is now in ${group}.` };
  } catch (error) {
    return formError(error, values);
  }
}

export async function removeGroupMemberAction(orgSlug: string, groupId: string, userId: string): Promise<FormState> {
  try {
    const access = await actionAccess("group.manage", { orgSlug });
    await removeGroupMember(access, groupId, { userId });
  } catch (error) {
    return formError(error, {});
  }
  revalidatePath(settings(orgSlug), "layout");
  return {};
}

export async function createBindingAction(orgSlug: string, groupId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const values = { scope: str(formData, "scope"), role: str(formData, "role") };
  const scope = parseScopeValue(values.scope);
  if (!scope) return { fields: { scope: "Choose where the role applies." }, values };
  try {
    // Any member passes this gate; the service decides by the caller's role at the scope.
    const access = await actionAccess("organization.view", { orgSlug });
    const created = await createRoleBinding(access, { groupId, scope, role: values.role as never });
    revalidatePath(settings(orgSlug), "layout");
    return { notice: `Bound ${created.group} as ${created.role} on ${created.scope}.` };
  } catch (error) {
    return formError(error, values);
  }
}

export async function deleteBindingAction(orgSlug: string, bindingId: string): Promise<FormState> {
  try {
    const access = await actionAccess("organization.view", { orgSlug });
    await deleteRoleBinding(access, bindingId);
  } catch (error) {
    return formError(error, {});
  }
  revalidatePath(settings(orgSlug), "layout");
  return {};
}

export async function removeMemberAction(orgSlug: string, userId: string): Promise<FormState> {
  try {
    const access = await actionAccess("member.remove", { orgSlug });
    await removeMember(access, { userId });
  } catch (error) {
    return formError(error, {});
  }
  revalidatePath(settings(orgSlug), "layout");
  return {};
}

export async function leaveOrganizationAction(orgSlug: string): Promise<FormState> {
  try {
    const access = await actionAccess("organization.view", { orgSlug });
    await leaveOrganization(access);
  } catch (error) {
    return formError(error, {});
  }
  revalidatePath("/", "layout");
  redirect("/app");
}

export async function inviteMemberAction(orgSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const email = str(formData, "email");
  const groupIds = formData.getAll("groupIds").map(String);
  const values = { email, groupIds: groupIds.join(",") };
  try {
    const access = await actionAccess("member.invite", { orgSlug });
    const sent = await inviteMember(access, { email, groupIds }, { baseUrl: publicBaseUrl(await headers()) });
    revalidatePath(settings(orgSlug), "layout");
    return { notice: `Invitation sent to ${sent.email}. The link works once and expires in 7 days.` };
  } catch (error) {
    return formError(error, values);
  }
}

export async function revokeInvitationAction(orgSlug: string, invitationId: string): Promise<FormState> {
  try {
    const access = await actionAccess("member.invite", { orgSlug });
    await revokeInvitation(access, invitationId);
  } catch (error) {
    return formError(error, {});
  }
  revalidatePath(settings(orgSlug), "layout");
  return {};
}

/** AppErrors become messages the form shows; anything else is a bug and propagates. */
function formError(error: unknown, values: Record<string, string>): FormState {
  if (!(error instanceof AppError)) throw error;
  if (error.code === "unprocessable" || error.code === "conflict") {
    const fields = error.details && typeof error.details === "object" ? (error.details as Record<string, string>) : undefined;
    const known = fields && Object.keys(fields).some((k) => k in values);
    if (known) return { fields, values };
  }
  return { message: error.message, values };
}
