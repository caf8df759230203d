import { StatusPage } from "@/app/_components/status-page";

export default function ForbiddenInOrganization() {
  return (
    <StatusPage
      code="403"
      title="You don't have permission to do this"
      body={<p>You can see this part of the organization, but your role does not allow this page. Ask an admin to add you to a group with a higher role.</p>}
    />
  );
}
