"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import clsx from "clsx";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch, type FieldErrors, type Path } from "react-hook-form";
import superjson from "superjson";
import { requestContentSchema, submissionSchema, type RequestContent, type RequestContentInput, type SubmissionContext } from "@/server/access-requests/schemas";
import { FormError } from "../../../../_components/form";
import { Button, Notice } from "../../../../_components/ui";
import { useTRPC } from "../../../../_lib/trpc";
import { IndustrialStep, ProposalStep, ReviewStep, SamplesStep, TeamStep, TimeStep, type EditorOptions } from "./steps";
import { clock } from "@/server/clock";

type StepId = "proposal" | "time" | "team" | "samples" | "industrial" | "review";
const stepTitles: Record<StepId, string> = { proposal: "Proposal", time: "Technique and time", team: "Team", samples: "Samples", industrial: "Industrial case", review: "Review and submit" };
/** Which step holds each field, to take the applicant to the first problem. */
const stepOfField: Record<keyof RequestContent, StepId> = {
  title: "proposal", summary: "proposal", scientificCase: "proposal", demonstratorId: "proposal",
  techniques: "time", endstationIds: "time", shiftsRequested: "time", shiftJustification: "time", dateWindows: "time", unavailableDates: "time",
  team: "team", samples: "samples", companyDescription: "industrial", expectedBenefit: "industrial", dataPolicyAccepted: "review",
};

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; message: string };

export function RequestEditor(props: {
  requestId: string;
  initial: RequestContent;
  isResubmission: boolean;
  context: SubmissionContext;
  changeRequest: string | null;
} & EditorOptions) {
  const { requestId, initial, context } = props;
  const trpc = useTRPC();
  const router = useRouter();
  const industrial = context.routeKind !== "NON_PROPRIETARY";
  const steps: StepId[] = ["proposal", "time", "team", "samples", ...(industrial ? (["industrial"] as const) : []), "review"];
  const [step, setStep] = useState<StepId>("proposal");
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => submissionSchema(context), [context]);
  const form = useForm<RequestContentInput, unknown, RequestContent>({ resolver: zodResolver(schema), defaultValues: initial, mode: "onSubmit" });
  const values = useWatch({ control: form.control });
  const saveDraft = useMutation(trpc.accessRequests.saveDraft.mutationOptions());
  const submit = useMutation(trpc.accessRequests.submit.mutationOptions());
  const lastSaved = useRef(JSON.stringify(initial));

  /** The draft as it stands, when it differs from what the server has. */
  const unsaved = useCallback(() => {
    const snapshot = requestContentSchema.safeParse(form.getValues());
    if (!snapshot.success) return null;
    const serialised = JSON.stringify(snapshot.data);
    return serialised === lastSaved.current ? null : { content: snapshot.data, serialised };
  }, [form]);

  /** Stores the draft now if it changed: a second after typing stops, when a field loses focus, and on changing step. */
  const saveNow = useCallback(async () => {
    const draft = unsaved();
    if (!draft) return;
    setSave({ kind: "saving" });
    try {
      await saveDraft.mutateAsync({ requestId, content: draft.content });
      lastSaved.current = draft.serialised;
      setSave({ kind: "saved", at: clock.now() });
    } catch (error) {
      setSave({ kind: "error", message: error instanceof Error ? error.message : "The draft could not be saved." });
    }
  }, [unsaved, saveDraft, requestId]);

  useEffect(() => {
    const timer = setTimeout(() => void saveNow(), 1000);
    return () => clearTimeout(timer);
  }, [values, saveNow]);

  // Leaving the page: a request that outlives the page stores what was typed
  // last (an in-app link unmounts the editor; closing or reloading the tab
  // unloads it), and the browser warns while something is still unsaved.
  useEffect(() => {
    const saveOnLeave = () => {
      const draft = unsaved();
      if (!draft) return false;
      lastSaved.current = draft.serialised;
      void fetch("/api/trpc/accessRequests.saveDraft", {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize({ requestId, content: draft.content })),
      });
      return true;
    };
    const warn = (event: BeforeUnloadEvent) => {
      if (saveOnLeave()) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    window.addEventListener("pagehide", saveOnLeave);
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("pagehide", saveOnLeave);
      saveOnLeave();
    };
  }, [unsaved, requestId]);

  const goToFirstError = (errors: Record<string, unknown>) => {
    const first = steps.find((s) => Object.keys(errors).some((field) => stepOfField[field.split(".")[0] as keyof RequestContent] === s));
    if (first) setStep(first);
  };

  const onSubmit = form.handleSubmit(
    async (content) => {
      setFormError(null);
      try {
        await submit.mutateAsync({ requestId, content });
        router.push(`/requests/${requestId}?submitted=1`);
        router.refresh();
      } catch (error) {
        const fieldErrors = error instanceof TRPCClientError ? (error.data as { fieldErrors?: Record<string, string> | null })?.fieldErrors : null;
        for (const [path, message] of Object.entries(fieldErrors ?? {})) form.setError(path as Path<RequestContentInput>, { type: "server", message });
        if (fieldErrors) goToFirstError(fieldErrors);
        setFormError(error instanceof Error ? error.message : "The request could not be submitted.");
      }
    },
    (errors: FieldErrors<RequestContentInput>) => {
      setFormError(`Some answers need attention before you can submit (${Object.keys(errors).length} section${Object.keys(errors).length === 1 ? "" : "s"}).`);
      goToFirstError(errors as Record<string, unknown>);
    },
  );

  const index = steps.indexOf(step);
  const errorSteps = new Set(Object.keys(form.formState.errors).map((f) => stepOfField[f as keyof RequestContent]));

  return (
    <FormProvider {...form}>
      <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
        <nav aria-label="Steps of the request" className="lg:sticky lg:top-4 lg:self-start">
          <ol className="space-y-1">
            {steps.map((s, i) => (
              <li key={s}>
                <button
                  type="button"
                  onClick={() => {
                    void saveNow();
                    setStep(s);
                  }}
                  aria-current={s === step ? "step" : undefined}
                  className={clsx("flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm", s === step ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100")}
                >
                  <span aria-hidden="true" className={clsx("flex h-5 w-5 items-center justify-center rounded-full text-xs", errorSteps.has(s) ? "bg-red-700 text-white" : "bg-slate-200")}>{errorSteps.has(s) ? "!" : i + 1}</span>
                  {stepTitles[s]}
                  {errorSteps.has(s) ? <span className="sr-only"> (needs attention)</span> : null}
                </button>
              </li>
            ))}
          </ol>
          <p className="mt-3 px-3 text-xs text-slate-600" role="status" aria-live="polite">
            {save.kind === "saving" ? "Saving…" : save.kind === "saved" ? `Draft saved at ${save.at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" })}` : save.kind === "error" ? `Not saved: ${save.message}` : "Changes are saved as you type."}
          </p>
        </nav>
        <form onSubmit={onSubmit} onBlur={() => void saveNow()} noValidate className="max-w-3xl space-y-6">
          {props.changeRequest ? <Notice tone="warning" title="The facility asked for changes">{props.changeRequest}</Notice> : null}
          <FormError message={formError} />
          <h2 className="text-lg font-semibold text-slate-900">{index + 1}. {stepTitles[step]}</h2>
          {step === "proposal" ? <ProposalStep {...props} /> : null}
          {step === "time" ? <TimeStep {...props} /> : null}
          {step === "team" ? <TeamStep /> : null}
          {step === "samples" ? <SamplesStep /> : null}
          {step === "industrial" ? <IndustrialStep /> : null}
          {step === "review" ? <ReviewStep {...props} /> : null}
          <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4">
            {index > 0 ? <Button type="button" variant="secondary" onClick={() => setStep(steps[index - 1]!)}>Back</Button> : null}
            {step !== "review" ? (
              // Distinct keys: reusing one DOM button whose type flips to "submit" would submit on the "Next" click.
              <Button key="next" type="button" onClick={() => setStep(steps[index + 1]!)}>Next: {stepTitles[steps[index + 1]!]}</Button>
            ) : (
              <Button key="submit" type="submit" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Submitting…" : props.isResubmission ? "Resubmit the request" : "Submit the request"}</Button>
            )}
          </div>
        </form>
      </div>
    </FormProvider>
  );
}
