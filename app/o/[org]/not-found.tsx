import { StatusPage } from "@/app/_components/status-page";

// Inside an organization you belong to: a missing or hidden workspace or environment.
export default function NotFoundInOrganization() {
  return (
    <StatusPage
      code="404"
      title="We couldn't find that page"
      body={<p>It may not exist, or none of your groups gives you access to it. Pick a workspace and environment above, or ask an admin for access.</p>}
    />
  );
}
