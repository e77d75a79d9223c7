"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation(trpc.organisations.revokeInvitation.mutationOptions({ onSuccess: () => router.refresh(), onError: (e) => setError(e.message) }));
  return (
    <span className="flex items-center gap-2">
      {error ? <span role="alert" className="text-sm text-red-700">{error}</span> : null}
      <Button variant="secondary" type="button" aria-label={`Revoke the invitation to ${email}`} disabled={revoke.isPending} onClick={() => revoke.mutate({ invitationId })}>
        Revoke
      </Button>
    </span>
  );
}
