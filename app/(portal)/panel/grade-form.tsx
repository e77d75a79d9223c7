"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { gradeSchema } from "@/server/access-requests/schemas";
import { Field, FormError, Select, Textarea } from "../../_components/form";
import { Button } from "../../_components/ui";
import { useServerSubmit, useTRPC } from "../../_lib/trpc";
import { gradeText, gradeValues } from "./grades";

const commentsMax = 5000;

/** Messages for the checks gradeSchema leaves to zod's defaults. */
const gradeMessages = (issue: { code?: string; path?: PropertyKey[] }) =>
  issue.path?.[0] === "comments" && issue.code === "too_big" ? `Use at most ${commentsMax.toLocaleString("en-GB")} characters.` : undefined;

/** A panel member's grade and comments for one request in panel review; saving again revises them in place. */
export function GradeForm({ requestId, reference, myGrade }: { requestId: string; reference: string; myGrade: { grade: number | null; comments: string } | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<z.input<typeof gradeSchema>>({
    resolver: zodResolver(gradeSchema, { error: gradeMessages }),
    // Ungraded, the select starts on "Choose a grade"; its empty value reads as NaN, which gradeSchema answers with "Choose a grade."
    defaultValues: { requestId, grade: myGrade?.grade ?? undefined, comments: myGrade?.comments ?? "" },
  });
  const grade = useMutation(trpc.accessRequests.grade.mutationOptions());
  const { errors, isSubmitting, isDirty } = form.formState;

  const { formError, onSubmit } = useServerSubmit(form, ["grade", "comments"], async (values) => {
    setSaved(false);
    await grade.mutateAsync(values);
    form.reset(values);
    setSaved(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormError message={formError} />
      <div className="grid items-start gap-3 md:grid-cols-[14rem_1fr]">
        <Field label={`Grade for ${reference}`} error={errors.grade} required>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("grade", { valueAsNumber: true })}>
              <option value="">Choose a grade</option>
              {gradeValues.map((g) => <option key={g} value={g}>{gradeText(g)}</option>)}
            </Select>
          )}
        </Field>
        <Field
          label={`Comments for ${reference}`}
          error={errors.comments}
          required
          help="At least 10 characters. Seen by the panel chair and facility staff, not by the applicant."
        >
          {({ id, describedBy, invalid }) => <Textarea id={id} rows={2} maxLength={commentsMax} aria-describedby={describedBy} invalid={invalid} {...form.register("comments")} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save grade"}
          <span className="sr-only"> for {reference}</span>
        </Button>
        <p role="status" className="text-sm font-medium text-emerald-800">
          {saved && !isDirty ? <><span aria-hidden="true">✓ </span>Saved</> : null}
        </p>
      </div>
    </form>
  );
}
