"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { createCallSchema, type CreateCallInput } from "@/server/access-routes/schemas";
import { Field, FormError, Input, Select } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

export function CreateCallForm({ routeId, cycles }: { routeId: string; cycles: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<CreateCallInput>({ resolver: zodResolver(createCallSchema), defaultValues: { routeId, cycleId: cycles[0]?.id ?? "", title: "", opensOn: "", closesOn: "" } });
  const create = useMutation(trpc.accessRoutes.createCall.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["cycleId", "title", "opensOn", "closesOn"], async (values) => {
    await create.mutateAsync(values);
    form.reset({ routeId, cycleId: "", title: "", opensOn: "", closesOn: "" });
    router.refresh();
  });
  if (cycles.length === 0) return <p className="mt-3 text-sm text-slate-700">Every cycle already has a call on this route. Add the next cycle to open another.</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-3 rounded-md border border-slate-200 p-3" aria-label="Open a call">
      <h4 className="text-sm font-semibold text-slate-900">Open a call</h4>
      <FormError message={formError} />
      <div className="grid gap-3 md:grid-cols-4">
        <Field label="Cycle" error={errors.cycleId} required>{({ id, describedBy }) => <Select id={id} aria-describedby={describedBy} {...form.register("cycleId")}>{cycles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</Select>}</Field>
        <Field label="Title" error={errors.title} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("title")} />}</Field>
        <Field label="Opens on" error={errors.opensOn} required>{({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...form.register("opensOn")} />}</Field>
        <Field label="Closes on" error={errors.closesOn} required>{({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...form.register("closesOn")} />}</Field>
      </div>
      <Button type="submit" variant="secondary" disabled={isSubmitting}>{isSubmitting ? "Opening…" : "Open the call"}</Button>
    </form>
  );
}
