"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { cancelBookingSchema, downtimeSchema, moveBookingSchema, nonUserKinds, nonUserTimeSchema, placeBookingSchema } from "@/server/scheduling/schemas";
import { Field, FormError, Input, Select, Textarea } from "../../_components/form";
import { Badge, Button, Card, DefinitionList } from "../../_components/ui";
import { useServerSubmit, useTRPC } from "../../_lib/trpc";
import type { BoardBooking, Schedulable } from "./calendar-board";
import { kindStyles } from "./kinds";

const when = (iso: string, timeZone: string) => `${new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso))}`;
const asNumber = { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v)) };

export function FreeShiftPanel(props: { endstationId: string; endstationName: string; day: string; shiftIndex: number; shiftLabel: string; timeZone: string; schedulable: Schedulable[]; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <Card title={`${props.endstationName}, ${props.day} ${props.shiftLabel}`}>
        <p className="mb-3 text-sm text-slate-700">Free shift ({props.timeZone}).</p>
        {props.schedulable.length ? <PlaceForm {...props} /> : <p className="text-sm text-slate-700">No approved request is waiting for time. Approved requests appear here to be placed.</p>}
      </Card>
      <Card title="Or mark non-user time"><NonUserForm {...props} /></Card>
    </div>
  );
}

function PlaceForm(props: { endstationId: string; day: string; shiftIndex: number; schedulable: Schedulable[]; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const first = props.schedulable[0]!;
  const form = useForm<z.input<typeof placeBookingSchema>, unknown, z.output<typeof placeBookingSchema>>({
    resolver: zodResolver(placeBookingSchema),
    defaultValues: { requestId: first.id, endstationId: props.endstationId, date: props.day, firstShift: props.shiftIndex, shifts: first.allocated - first.scheduled, hold: false, holdDays: 7, notes: "" },
  });
  const place = useMutation(trpc.scheduling.place.mutationOptions());
  const hold = useWatch({ control: form.control, name: "hold" });
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["requestId", "shifts", "holdDays", "firstShift", "date"], async (values) => {
    await place.mutateAsync(values);
    props.onDone();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Place an approved request">
      <FormError message={formError} />
      <Field label="Approved request" error={errors.requestId} required>
        {({ id, describedBy }) => (
          <Select id={id} aria-describedby={describedBy} {...form.register("requestId", { onChange: (e) => { const r = props.schedulable.find((s) => s.id === e.target.value); if (r) form.setValue("shifts", r.allocated - r.scheduled); } })}>
            {props.schedulable.map((s) => <option key={s.id} value={s.id}>{s.reference} · {s.organisation} · {s.allocated - s.scheduled} shifts to place</option>)}
          </Select>
        )}
      </Field>
      <Field label="Shifts" help="Consecutive shifts from the chosen one." error={errors.shifts} required>
        {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-24" aria-describedby={describedBy} invalid={invalid} {...form.register("shifts", asNumber)} />}
      </Field>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" {...form.register("hold")} />Tentative hold (lapses unless confirmed)</label>
      {hold ? (
        <Field label="Hold for (days)" error={errors.holdDays}>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-24" aria-describedby={describedBy} invalid={invalid} {...form.register("holdDays", asNumber)} />}
        </Field>
      ) : null}
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Placing…" : hold ? "Hold the shifts" : "Confirm the booking"}</Button>
    </form>
  );
}

function NonUserForm(props: { endstationId: string; day: string; shiftIndex: number; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof nonUserTimeSchema>, unknown, z.output<typeof nonUserTimeSchema>>({
    resolver: zodResolver(nonUserTimeSchema),
    defaultValues: { endstationId: props.endstationId, kind: "MAINTENANCE", date: props.day, firstShift: props.shiftIndex, shifts: 1, title: "" },
  });
  const add = useMutation(trpc.scheduling.addNonUserTime.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["kind", "shifts", "title"], async (values) => {
    await add.mutateAsync(values);
    props.onDone();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Add non-user time">
      <FormError message={formError} />
      <Field label="Kind" required>{({ id }) => <Select id={id} {...form.register("kind")}>{nonUserKinds.map((k) => <option key={k} value={k}>{kindStyles[k].label}</option>)}</Select>}</Field>
      <Field label="What it is" error={errors.title} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("title")} />}</Field>
      <Field label="Shifts of non-user time" error={errors.shifts} required>{({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-24" aria-describedby={describedBy} invalid={invalid} {...form.register("shifts", asNumber)} />}</Field>
      <Button type="submit" variant="secondary" disabled={isSubmitting}>Add non-user time</Button>
    </form>
  );
}

export function BookingPanel({ booking, timeZone, endstations, onDone }: { booking: BoardBooking; timeZone: string; endstations: { id: string; name: string; shifts: { index: number; label: string }[] }[]; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => { onDone(); router.refresh(); } };
  const confirm = useMutation(trpc.scheduling.confirm.mutationOptions(refresh));
  const station = endstations.find((e) => e.id === booking.endstationId);
  return (
    <div className="space-y-4">
      <Card title={`${booking.reference}: ${booking.request?.reference ?? booking.consortium ?? kindStyles[booking.category].label}`} actions={<Badge tone={booking.state === "HELD" ? "warning" : "success"}>{booking.state === "HELD" ? "Held" : "Confirmed"}</Badge>}>
        <DefinitionList items={[
          ["What", booking.title],
          ...(booking.request ? [["Applicant", booking.request.organisation.name] as [string, string]] : []),
          ["Endstation", station?.name ?? ""],
          ["From", `${when(booking.startsAt, timeZone)} ${timeZone}`],
          ["To", `${when(booking.endsAt, timeZone)} ${timeZone}`],
          ["Shifts", String(booking.shifts)],
          ...(booking.holdExpiresAt ? [["Hold lapses", `${when(booking.holdExpiresAt, timeZone)} ${timeZone}`] as [string, string]] : []),
          ...(booking.downtimeHours ? [["Downtime", `${booking.downtimeHours} h`] as [string, string]] : []),
        ]} />
        {confirm.error ? <p role="alert" className="mt-2 text-sm text-red-700">{confirm.error.message}</p> : null}
        {booking.state === "HELD" ? <Button className="mt-3" type="button" disabled={confirm.isPending} onClick={() => confirm.mutate({ bookingId: booking.id })}>Confirm the hold</Button> : null}
      </Card>
      <Card title="Move">
        {booking.kind === "BLOCK" ? <p className="mb-3 text-sm text-slate-700">Members&apos; sessions inside this block move with it, each keeping its place in the block; every booker is emailed.</p> : null}
        <MoveForm booking={booking} timeZone={timeZone} endstations={endstations} onDone={onDone} />
      </Card>
      {booking.kind === "REQUEST" || booking.kind === "BLOCK" ? <Card title="Downtime the facility caused"><DowntimeForm booking={booking} onDone={onDone} /></Card> : null}
      <Card title="Cancel">
        {booking.kind === "BLOCK" ? <p className="mb-3 text-sm text-slate-700">Cancelling the block&apos;s time also cancels members&apos; sessions inside it and gives their shifts back to their shares; every booker is emailed your reason.</p> : null}
        <CancelForm bookingId={booking.id} onDone={onDone} />
      </Card>
    </div>
  );
}

function MoveForm({ booking, timeZone, endstations, onDone }: { booking: BoardBooking; timeZone: string; endstations: { id: string; name: string; shifts: { index: number; label: string }[] }[]; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof moveBookingSchema>, unknown, z.output<typeof moveBookingSchema>>({
    resolver: zodResolver(moveBookingSchema),
    defaultValues: { bookingId: booking.id, endstationId: booking.endstationId, date: new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(booking.startsAt)), firstShift: 0, reason: "" },
  });
  const endstationId = useWatch({ control: form.control, name: "endstationId" });
  const move = useMutation(trpc.scheduling.move.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["endstationId", "date", "firstShift", "reason"], async (values) => {
    await move.mutateAsync(values);
    onDone();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={`Move ${booking.reference}`}>
      <FormError message={formError} />
      <Field label="Endstation">{({ id }) => <Select id={id} {...form.register("endstationId")}>{endstations.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}</Select>}</Field>
      <Field label="New date" error={errors.date} required>{({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...form.register("date")} />}</Field>
      <Field label="First shift" error={errors.firstShift} required>
        {({ id }) => <Select id={id} {...form.register("firstShift", { valueAsNumber: true })}>{(endstations.find((e) => e.id === endstationId)?.shifts ?? []).map((s) => <option key={s.index} value={s.index}>{s.label}</option>)}</Select>}
      </Field>
      <Field label="Reason (the applicant sees it)" error={errors.reason} required>{({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("reason")} />}</Field>
      <Button type="submit" variant="secondary" disabled={isSubmitting}>Move the booking</Button>
    </form>
  );
}

function CancelForm({ bookingId, onDone }: { bookingId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof cancelBookingSchema>>({ resolver: zodResolver(cancelBookingSchema), defaultValues: { bookingId, reason: "" } });
  const cancel = useMutation(trpc.scheduling.cancel.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["reason"], async (values) => {
    await cancel.mutateAsync(values);
    onDone();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Cancel the booking">
      <FormError message={formError} />
      <Field label="Reason for cancelling" error={errors.reason} required>{({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("reason")} />}</Field>
      <Button type="submit" variant="danger" disabled={isSubmitting}>Cancel the booking</Button>
    </form>
  );
}

function DowntimeForm({ booking, onDone }: { booking: BoardBooking; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof downtimeSchema>, unknown, z.output<typeof downtimeSchema>>({ resolver: zodResolver(downtimeSchema), defaultValues: { bookingId: booking.id, hours: booking.downtimeHours, note: "" } });
  const record = useMutation(trpc.scheduling.recordDowntime.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["hours", "note"], async (values) => {
    await record.mutateAsync(values);
    onDone();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={`Downtime on ${booking.reference}`}>
      <FormError message={formError} />
      <Field label="Hours lost" help="Quarter hours; billing credits them to the user." error={errors.hours} required>
        {({ id, describedBy, invalid }) => <Input id={id} type="number" step="0.25" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("hours", asNumber)} />}
      </Field>
      <Field label="What went wrong" error={errors.note} required>{({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("note")} />}</Field>
      <Button type="submit" variant="secondary" disabled={isSubmitting}>Record downtime</Button>
    </form>
  );
}
