"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, Notice } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

export function AcceptInvitationButton({ token, signedInAs, invitedEmail }: { token: string; signedInAs: string; invitedEmail: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.organisations.acceptInvitation.mutationOptions({ onSuccess: (r) => { router.push(`/organisations/${r.organisationId}`); router.refresh(); } }));
  return (
    <div className="space-y-3">
      {signedInAs !== invitedEmail ? (
        <Notice tone="warning">You are signed in as {signedInAs}, but the invitation is for {invitedEmail}. Sign out and sign in with the invited address.</Notice>
      ) : null}
      {accept.error ? <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">{accept.error.message}</div> : null}
      <Button type="button" disabled={accept.isPending} onClick={() => accept.mutate({ token })}>
        {accept.isPending ? "Joining…" : "Accept the invitation"}
      </Button>
    </div>
  );
}
