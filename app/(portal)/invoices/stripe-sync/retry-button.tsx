"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";

export function RetryStripeSyncButton({ invoiceId, number }: { invoiceId: string; number: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.billing.retryStripeSync.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-1">
      <Button type="button" variant="secondary" aria-label={`Retry ${number}`} disabled={retry.isPending} onClick={() => retry.mutate({ invoiceId })}>{retry.isPending ? "Retrying…" : "Retry"}</Button>
      {retry.error ? <p role="alert" className="text-sm text-red-700">{retry.error.message}</p> : null}
    </div>
  );
}
