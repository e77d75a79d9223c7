import type { Metadata } from "next";
import { PageHeader } from "../../../_components/ui";
import { CreateOrganisationForm } from "./create-organisation-form";

export const metadata: Metadata = { title: "Register an organisation" };

export default function NewOrganisationPage() {
  return (
    <>
      <PageHeader title="Register an organisation" description="You become its first member and can then invite colleagues. Facilities and funders are set up by the Lodestone team." />
      <div className="max-w-2xl"><CreateOrganisationForm /></div>
    </>
  );
}
