"use client";

import { useFieldArray, useFormContext, useFormState, type Path } from "react-hook-form";
import { materialClasses, materialClassLabels, shiftBounds, teamRoleLabels, teamRoles, techniques, type RequestContentInput, type SubmissionContext } from "@/server/access-requests/schemas";
import { emptyAsNull, Field, Input, Select, Textarea } from "../../../../_components/form";
import { Button, Card, Notice } from "../../../../_components/ui";
import { techniqueLabels } from "../../../../_lib/labels";

export interface EditorOptions {
  context: SubmissionContext;
  route: { name: string; dataPolicy: string; confidential: boolean; organisationName: string };
  endstations: { id: string; code: string; name: string; technique: keyof typeof techniqueLabels; shiftHours: number }[];
  demonstrators: { id: string; title: string }[];
}

type P = Path<RequestContentInput>;

/** The error for any field path, including nested ones such as team.0.email. */
function useError(path: P) {
  const { control, getFieldState } = useFormContext<RequestContentInput>();
  const formState = useFormState({ control, name: path });
  return getFieldState(path, formState).error;
}

function TextField({ path, label, help, rows, required = true }: { path: P; label: string; help?: string; rows?: number; required?: boolean }) {
  const { register } = useFormContext<RequestContentInput>();
  const error = useError(path);
  return (
    <Field label={label} help={help} error={error} required={required}>
      {({ id, describedBy, invalid }) =>
        rows ? <Textarea id={id} rows={rows} aria-describedby={describedBy} invalid={invalid} {...register(path)} /> : <Input id={id} aria-describedby={describedBy} invalid={invalid} {...register(path)} />
      }
    </Field>
  );
}

function CheckboxGroup({ path, legend, options }: { path: "techniques" | "endstationIds"; legend: string; options: { value: string; label: string }[] }) {
  const { register } = useFormContext<RequestContentInput>();
  const error = useError(path);
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${path}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}<span className="text-red-700" aria-hidden="true">*</span></legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm">
            <input type="checkbox" value={o.value} {...register(path)} />
            {o.label}
          </label>
        ))}
      </div>
      {error?.message ? <p id={`${path}-error`} className="text-sm font-medium text-red-700">{error.message}</p> : null}
    </fieldset>
  );
}

export function ProposalStep({ demonstrators }: EditorOptions) {
  const { register } = useFormContext<RequestContentInput>();
  return (
    <Card>
      <div className="space-y-4">
        <TextField path="title" label="Title" help="A short, specific title, e.g. “3D liberation of spodumene in Okement drill core”." />
        <TextField path="summary" label="Plain-language summary" rows={4} help="What you want to learn and why it matters, for someone outside your field (50–1,500 characters)." />
        <TextField path="scientificCase" label="Scientific or industrial case" rows={8} help="The question, why X-ray imaging answers it, and what you will do with the result." />
        <Field label="Demonstrator project (optional)" help="If this work is part of a funded demonstrator, link it so the funder can follow it.">
          {({ id, describedBy }) => (
            <Select id={id} aria-describedby={describedBy} {...register("demonstratorId", { setValueAs: (v) => (v === "" ? null : v) })}>
              <option value="">None</option>
              {demonstrators.map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
            </Select>
          )}
        </Field>
      </div>
    </Card>
  );
}

export function TimeStep({ context, endstations }: EditorOptions) {
  const { register, control } = useFormContext<RequestContentInput>();
  const windows = useFieldArray({ control, name: "dateWindows" });
  const unavailable = useFieldArray({ control, name: "unavailableDates" as never });
  const shiftsError = useError("shiftsRequested");
  const shiftHours = endstations[0]?.shiftHours ?? 8;
  const maxShifts = Math.min(shiftBounds.max, context.maxShifts ?? shiftBounds.max);
  return (
    <Card>
      <div className="space-y-5">
        <CheckboxGroup path="techniques" legend="Techniques" options={techniques.map((t) => ({ value: t, label: techniqueLabels[t] }))} />
        <CheckboxGroup path="endstationIds" legend="Preferred endstations" options={endstations.map((e) => ({ value: e.id, label: `${e.name} (${techniqueLabels[e.technique]}, ${e.shiftHours}-hour shifts)` }))} />
        <Field label="Shifts requested" help={`Shifts of ${shiftHours} hours; between 1 and ${maxShifts}${context.maxShifts ? " on this route" : ""}.`} error={shiftsError} required>
          {({ id, describedBy, invalid }) => (
            <Input id={id} type="number" inputMode="numeric" className="w-32" aria-describedby={describedBy} invalid={invalid} {...register("shiftsRequested", emptyAsNull)} />
          )}
        </Field>
        <TextField path="shiftJustification" label="Justification of the shifts" rows={3} help="Scans per sample, time per scan, changes of set-up." />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Windows when you could come<span className="text-red-700" aria-hidden="true">*</span></legend>
          <DateWindowsError />
          {windows.fields.map((w, i) => (
            <div key={w.id} className="flex flex-wrap items-end gap-3">
              <DateInput path={`dateWindows.${i}.from`} label={`Window ${i + 1} from`} />
              <DateInput path={`dateWindows.${i}.to`} label={`Window ${i + 1} to`} />
              <Button type="button" variant="ghost" onClick={() => windows.remove(i)} aria-label={`Remove window ${i + 1}`}>Remove</Button>
            </div>
          ))}
          <Button type="button" variant="secondary" onClick={() => windows.append({ from: "", to: "" })}>Add a window</Button>
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Dates that are not possible (optional)</legend>
          {unavailable.fields.map((d, i) => (
            <div key={d.id} className="flex items-end gap-3">
              <DateInput path={`unavailableDates.${i}`} label={`Date not possible ${i + 1}`} />
              <Button type="button" variant="ghost" onClick={() => unavailable.remove(i)} aria-label={`Remove date ${i + 1}`}>Remove</Button>
            </div>
          ))}
          <Button type="button" variant="secondary" onClick={() => unavailable.append("" as never)}>Add a date</Button>
        </fieldset>
      </div>
    </Card>
  );
}

function DateWindowsError() {
  const error = useError("dateWindows");
  return error?.message ? <p className="text-sm font-medium text-red-700">{error.message}</p> : null;
}

function DateInput({ path, label }: { path: P; label: string }) {
  const { register } = useFormContext<RequestContentInput>();
  const error = useError(path);
  return (
    <div className="w-44">
      <Field label={label} error={error}>
        {({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...register(path)} />}
      </Field>
    </div>
  );
}

export function TeamStep() {
  const { control, register } = useFormContext<RequestContentInput>();
  const team = useFieldArray({ control, name: "team" });
  const error = useError("team");
  return (
    <Card>
      <p className="mb-4 text-sm text-slate-700">Everyone who will work on the experiment or its data. Only members of your organisation and the facility&apos;s staff can see the request.</p>
      {error?.message ? <p className="mb-3 text-sm font-medium text-red-700">{error.message}</p> : null}
      <div className="space-y-4">
        {team.fields.map((m, i) => (
          <fieldset key={m.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-end">
            <legend className="sr-only">Team member {i + 1}</legend>
            <TextField path={`team.${i}.name`} label={`Name (member ${i + 1})`} />
            <TextField path={`team.${i}.email`} label={`Email (member ${i + 1})`} />
            <Field label={`Role (member ${i + 1})`}>
              {({ id }) => (
                <Select id={id} {...register(`team.${i}.role`)}>
                  {teamRoles.map((r) => <option key={r} value={r}>{teamRoleLabels[r]}</option>)}
                </Select>
              )}
            </Field>
            <Button type="button" variant="ghost" onClick={() => team.remove(i)} aria-label={`Remove team member ${i + 1}`}>Remove</Button>
          </fieldset>
        ))}
        <Button type="button" variant="secondary" onClick={() => team.append({ name: "", email: "", role: "CO_INVESTIGATOR" })}>Add a team member</Button>
      </div>
    </Card>
  );
}

export function SamplesStep() {
  const { control, register } = useFormContext<RequestContentInput>();
  const samples = useFieldArray({ control, name: "samples" });
  const error = useError("samples");
  return (
    <Card>
      <p className="mb-4 text-sm text-slate-700">The samples you plan to bring or send. You will register each sample in detail before shipping.</p>
      {error?.message ? <p className="mb-3 text-sm font-medium text-red-700">{error.message}</p> : null}
      <div className="space-y-4">
        {samples.fields.map((s, i) => (
          <fieldset key={s.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
            <legend className="sr-only">Sample group {i + 1}</legend>
            <TextField path={`samples.${i}.name`} label={`Sample name (group ${i + 1})`} />
            <Field label={`Material class (group ${i + 1})`}>
              {({ id }) => (
                <Select id={id} {...register(`samples.${i}.materialClass`)}>
                  {materialClasses.map((m) => <option key={m} value={m}>{materialClassLabels[m]}</option>)}
                </Select>
              )}
            </Field>
            <CountField index={i} />
            <TextField path={`samples.${i}.hazardSummary`} label={`Hazards (group ${i + 1})`} help="e.g. NORM (thorium-bearing monazite), corrosive brine, nanoparticulate black mass; or “none known”." />
            <div className="sm:col-span-2"><Button type="button" variant="ghost" onClick={() => samples.remove(i)} aria-label={`Remove sample group ${i + 1}`}>Remove</Button></div>
          </fieldset>
        ))}
        <Button type="button" variant="secondary" onClick={() => samples.append({ name: "", materialClass: "ORE", count: null, hazardSummary: "" })}>Add samples</Button>
      </div>
    </Card>
  );
}

function CountField({ index }: { index: number }) {
  const { register } = useFormContext<RequestContentInput>();
  const error = useError(`samples.${index}.count`);
  return (
    <Field label={`How many (group ${index + 1})`} error={error} required>
      {({ id, describedBy, invalid }) => <Input id={id} type="number" inputMode="numeric" aria-describedby={describedBy} invalid={invalid} {...register(`samples.${index}.count`, emptyAsNull)} />}
    </Field>
  );
}

export function IndustrialStep() {
  return (
    <Card>
      <div className="space-y-4">
        <TextField path="companyDescription" label="The company" rows={4} help="What your company does, its size, and its role in the critical-minerals chain." />
        <TextField path="expectedBenefit" label="Expected economic benefit" rows={4} help="What decision the result informs (grind size, flowsheet, pilot plant) and what it is worth." />
      </div>
    </Card>
  );
}

export function ReviewStep({ route }: EditorOptions) {
  const { register } = useFormContext<RequestContentInput>();
  const error = useError("dataPolicyAccepted");
  return (
    <Card>
      <div className="space-y-4">
        {route.confidential ? (
          <Notice tone="warning" title={`Proprietary — visible to ${route.organisationName} and facility staff`}>Nobody else, including review panels and funders, can see this request or its data.</Notice>
        ) : (
          <Notice tone="info" title="Peer-reviewed, published after embargo">The review panel of the cycle reads the request; its data are published after the embargo.</Notice>
        )}
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Data policy of the {route.name} route</h3>
          <p className="mt-1 text-sm text-slate-700">{route.dataPolicy}</p>
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" aria-invalid={Boolean(error) || undefined} aria-describedby={error ? "policy-error" : undefined} {...register("dataPolicyAccepted")} />
          <span>I accept this data policy on behalf of {route.organisationName}.</span>
        </label>
        {error?.message ? <p id="policy-error" className="text-sm font-medium text-red-700">{error.message}</p> : null}
        <p className="text-sm text-slate-700">When you submit, the request gets its reference number, a PDF copy, and the facility&apos;s decision clock starts.</p>
      </div>
    </Card>
  );
}
