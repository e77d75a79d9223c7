"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RequestEvent } from "@/server/access-requests/state-machine";
import type { AccessRequestState } from "@/server/generated/prisma/enums";
import { Button, ButtonLink } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";
import { DecisionForm, FeasibilityForm, SafetyForm } from "./review-forms";

export function RequestActions(props: {
  requestId: string;
  reference: string | null;
  state: AccessRequestState;
  events: RequestEvent[];
  canEdit: boolean;
  canGrade: boolean;
  isIndustrialOffice: boolean;
  shiftsRequested: number | null;
}) {
  const { requestId, events } = props;
  const trpc = useTRPC();
  const router = useRouter();
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const refresh = { onSuccess: () => router.refresh() };
  const start = useMutation(trpc.accessRequests.startFeasibility.mutationOptions(refresh));
  const withdraw = useMutation(trpc.accessRequests.withdraw.mutationOptions(refresh));
  const error = start.error ?? withdraw.error;
  const staffEvents = events.filter((e) => e !== "withdraw" && e !== "submit");

  return (
    <div className="space-y-4 text-sm">
      {error ? <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900">{error.message}</div> : null}
      {props.canEdit ? (
        <ButtonLink href={`/requests/${requestId}/edit`}>{props.state === "DRAFT" ? "Continue the draft" : "Edit and resubmit"}</ButtonLink>
      ) : null}
      {events.includes("startFeasibility") ? (
        <Button type="button" disabled={start.isPending} onClick={() => start.mutate({ requestId })}>{start.isPending ? "Starting…" : "Start feasibility review"}</Button>
      ) : null}
      {events.includes("confirmFeasible") ? <FeasibilityForm requestId={requestId} shiftsRequested={props.shiftsRequested} /> : null}
      {events.includes("clearSafety") ? <SafetyForm requestId={requestId} /> : null}
      {events.includes("approve") ? <DecisionForm requestId={requestId} shiftsRequested={props.shiftsRequested} /> : null}
      {events.includes("allocate") || props.canGrade ? (
        <p><Link className="font-medium text-brand-700 underline" href="/panel">{events.includes("allocate") ? "Rank and allocate on the panel desk" : "Grade it on the panel desk"}</Link></p>
      ) : null}
      {events.includes("withdraw") ? (
        confirmWithdraw ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 p-3">
            <p>Withdraw {props.reference ?? "this draft"}? The facility stops work on it; this cannot be undone.</p>
            <div className="mt-2 flex gap-2">
              <Button type="button" variant="danger" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ requestId })}>Yes, withdraw</Button>
              <Button type="button" variant="secondary" onClick={() => setConfirmWithdraw(false)}>Keep it</Button>
            </div>
          </div>
        ) : (
          <Button type="button" variant="secondary" onClick={() => setConfirmWithdraw(true)}>Withdraw…</Button>
        )
      ) : null}
      {!props.canEdit && staffEvents.length === 0 && !events.includes("withdraw") && !props.canGrade ? <p className="text-slate-700">Nothing needs you here now.</p> : null}
    </div>
  );
}
