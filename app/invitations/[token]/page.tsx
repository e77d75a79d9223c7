import type { Metadata } from "next";
import Link from "next/link";
import { roleLabels } from "@/server/organisations/roles";
import { formatFacilityDate } from "@/server/time";
import { AuthFrame } from "../../_components/auth-frame";
import { ButtonLink, Notice } from "../../_components/ui";
import { currentActor, serverApi } from "../../_lib/server-api";
import { AcceptInvitationButton } from "./accept-invitation-button";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const preview = await (await serverApi()).organisations.previewInvitation({ token });
  const actor = await currentActor();
  const here = `/invitations/${token}`;

  if (!preview.valid || !("organisationName" in preview)) {
    return (
      <AuthFrame title="This invitation cannot be used">
        <Notice tone="warning">{preview.problem}</Notice>
        <p className="mt-4 text-sm"><Link className="font-medium text-brand-700 underline" href="/dashboard">Go to your dashboard</Link></p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={`Join ${preview.organisationName}`}>
      <p className="text-sm text-slate-700">
        {preview.invitedByName} invited <strong>{preview.email}</strong> to join <strong>{preview.organisationName}</strong> as {roleLabels[preview.role!].toLowerCase()}. The invitation expires on {formatFacilityDate(preview.expiresAt!, "Europe/London")}.
      </p>
      <div className="mt-5">
        {actor.kind === "user" ? (
          <AcceptInvitationButton token={token} signedInAs={actor.email} invitedEmail={preview.email!} />
        ) : (
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>Sign in to accept</ButtonLink>
            <ButtonLink variant="secondary" href={`/signup?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(preview.email!)}`}>Create an account</ButtonLink>
          </div>
        )}
      </div>
    </AuthFrame>
  );
}
