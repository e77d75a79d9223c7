"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { AccessRequestState } from "@/server/generated/prisma/enums";
import { decisionSchema, shiftBounds } from "@/server/access-requests/schemas";
import { emptyAsNull, Field, FormError, Input, Textarea } from "../../_components/form";
import { Button, Notice } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";
import { useServerSubmit, useTRPC } from "../../_lib/trpc";

type DecisionInput = z.input<typeof decisionSchema>;
type DecisionOutput = z.output<typeof decisionSchema>;

const noteMax = 3000;

/** Messages for the checks decisionSchema leaves to zod's defaults. */
function decisionMessages(issue: { code?: string; path?: PropertyKey[] }) {
  const field = issue.path?.[0];
  if (field === "shifts") return issue.code === "too_big" ? `Allocate at most ${shiftBounds.max} shifts in one decision.` : "Enter a whole number of shifts.";
  if (field === "note" && issue.code === "too_big") return `Use at most ${noteMax.toLocaleString("en-GB")} characters.`;
  return undefined;
}

const zodDecision = zodResolver(decisionSchema, { error: decisionMessages });
/** The form and the server share decisionSchema; declining ignores whatever is in the shifts field. */
const resolver: Resolver<DecisionInput, unknown, DecisionOutput> = (values, context, options) =>
  zodDecision(values.approve ? values : { ...values, shifts: null }, context, options);

/**
 * The chair's decision on one request in panel review: allocate shifts or
 * decline, with a note to the applicant. After deciding, the row's status
 * changes on refresh and this shows what was done.
 */
export function AllocateForm({ requestId, reference, state, shiftsRequested, shiftHours, endstation }: {
  requestId: string;
  reference: string;
  state: AccessRequestState;
  shiftsRequested: number;
  shiftHours: number;
  endstation: { name: string; remaining: number } | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [decided, setDecided] = useState<string | null>(null);
  const decidedRef = useRef<HTMLDivElement>(null);
  const form = useForm<DecisionInput, unknown, DecisionOutput>({
    resolver,
    defaultValues: { requestId, approve: true, shifts: shiftsRequested > 0 ? shiftsRequested : null, note: "" },
  });
  const allocate = useMutation(trpc.accessRequests.allocate.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const [action, setAction] = useState<"allocate" | "decline">("allocate");

  useEffect(() => {
    if (decided) decidedRef.current?.focus();
  }, [decided]);

  const { formError, onSubmit } = useServerSubmit(form, ["shifts", "note"], async (values) => {
    await allocate.mutateAsync(values);
    setDecided(
      values.approve && values.shifts !== null
        ? `Allocated ${formatShifts(values.shifts, shiftHours)} to ${reference}. The applicant has been emailed the decision and your note.`
        : `Declined ${reference}. The applicant has been emailed the decision and your note.`,
    );
    router.refresh();
  });

  if (decided) {
    return (
      <div ref={decidedRef} tabIndex={-1}>
        <Notice tone="success">{decided}</Notice>
      </div>
    );
  }
  if (state !== "PANEL_REVIEW") return null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormError message={formError} />
      <div className="grid items-start gap-3 sm:grid-cols-[12rem_1fr]">
        <Field
          label={`Shifts to allocate for ${reference}`}
          error={errors.shifts}
          help={endstation ? `${endstation.name} has ${endstation.remaining} shift${endstation.remaining === 1 ? "" : "s"} left in this cycle.` : `Requested: ${formatShifts(shiftsRequested, shiftHours)}.`}
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="number"
              inputMode="numeric"
              min={shiftBounds.min}
              max={shiftBounds.max}
              step={1}
              aria-describedby={describedBy}
              invalid={invalid}
              {...form.register("shifts", emptyAsNull)}
            />
          )}
        </Field>
        <Field label={`Note to the applicant for ${reference}`} error={errors.note} required help="Sent to the applicant with the decision, whether you allocate or decline.">
          {({ id, describedBy, invalid }) => <Textarea id={id} rows={2} maxLength={noteMax} aria-describedby={describedBy} invalid={invalid} {...form.register("note")} />}
        </Field>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={isSubmitting} onClick={() => { setAction("allocate"); form.setValue("approve", true); }}>
          {isSubmitting && action === "allocate" ? "Allocating…" : "Allocate"}
          <span className="sr-only"> shifts to {reference}</span>
        </Button>
        <Button type="submit" variant="secondary" disabled={isSubmitting} onClick={() => { setAction("decline"); form.setValue("approve", false); }}>
          {isSubmitting && action === "decline" ? "Declining…" : "Decline"}
          <span className="sr-only"> {reference}</span>
        </Button>
      </div>
    </form>
  );
}
