"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

/**
 * Sends an agreement for signature (a request's, or a consortium block's) and
 * opens it; used to send the first one, a new one after a refusal, and a
 * newer template version.
 */
export function SendAgreementButton({ target, label }: { target: { requestId: string } | { blockId: string }; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const onSuccess = (r: { id: string }) => router.push(`/agreements/${r.id}`);
  const forRequest = useMutation(trpc.agreements.send.mutationOptions({ onSuccess }));
  const forBlock = useMutation(trpc.agreements.sendForBlock.mutationOptions({ onSuccess }));
  const pending = forRequest.isPending || forBlock.isPending;
  const error = forRequest.error ?? forBlock.error;
  return (
    <div className="space-y-2">
      <Button type="button" disabled={pending} onClick={() => ("requestId" in target ? forRequest.mutate(target) : forBlock.mutate(target))}>{pending ? "Sending…" : label}</Button>
      {error ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
    </div>
  );
}
