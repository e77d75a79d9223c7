"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { scanSchema, type ScanInput } from "@/server/runs/schemas";
import { emptyAsNull, Field, FormError, Input, Select } from "../../../_components/form";
import { Button, Notice } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

const fields = ["sampleId", "technique", "startTime", "endTime", "energyKeV", "tubeVoltageKv", "tubeCurrentUa", "voxelSize", "voxelUnit", "sizeX", "sizeY", "sizeZ", "projections", "countTime", "detector", "rotationStartDeg", "rotationEndDeg", "fileFormat", "dataUri", "sha256"] as const;
const orNull = { setValueAs: (v: string) => (v?.trim() ? v.trim() : null) };

/** Record a scan: typed in, or filled from a NeXus file's header and checked before saving. */
export function ScanForm({ runId, samples, now }: { runId: string; samples: { id: string; label: string }[]; now: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const defaults: ScanInput = { runId, sampleId: null, technique: "", startTime: now, endTime: null, energyKeV: null, tubeVoltageKv: null, tubeCurrentUa: null, voxelSize: Number.NaN, voxelUnit: "um", sizeX: null, sizeY: null, sizeZ: null, projections: null, flats: null, darks: null, countTime: null, detector: "", rotationStartDeg: null, rotationEndDeg: null, fileFormat: "", dataUri: "", sizeBytes: null, sha256: null, source: "TYPED" };
  const form = useForm<ScanInput, unknown, z.output<typeof scanSchema>>({ resolver: zodResolver(scanSchema), defaultValues: defaults });
  const add = useMutation(trpc.runs.addScan.mutationOptions());
  const readNexus = useMutation(trpc.runs.readNexus.mutationOptions());
  const [filled, setFilled] = useState<{ file: string; warnings: string[] } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    await add.mutateAsync(values);
    form.reset(defaults);
    setFilled(null);
    router.refresh();
  });

  async function fillFrom(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) return setFileError("Fill from a file of at most 5 MB (a header-only NeXus file); for larger files type the header in.");
    const base64 = btoa(Array.from(new Uint8Array(await file.arrayBuffer()), (b) => String.fromCharCode(b)).join(""));
    try {
      const { fields: read, warnings, sampleName } = await readNexus.mutateAsync({ runId, fileName: file.name, base64 });
      for (const [name, value] of Object.entries(read)) if (value !== null) form.setValue(name as keyof ScanInput, value as never, { shouldDirty: true });
      form.setValue("source", "NEXUS_FILE");
      const match = samples.find((s) => sampleName && s.label.includes(sampleName));
      if (match) form.setValue("sampleId", match.id);
      setFilled({ file: file.name, warnings });
    } catch (error) {
      setFileError(error instanceof Error ? error.message : "The file could not be read.");
    }
  }

  const input = (name: (typeof fields)[number], label: string, props: { type?: string; step?: string; help?: string; required?: boolean; numeric?: boolean; nullable?: boolean } = {}) => (
    <Field label={label} help={props.help} error={errors[name]} required={props.required}>
      {({ id, describedBy, invalid }) => <Input id={id} type={props.type ?? "text"} step={props.step} aria-describedby={describedBy} invalid={invalid} {...form.register(name, props.numeric ? emptyAsNull : props.nullable ? orNull : undefined)} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Record a scan">
      <FormError message={formError} />
      <Field label="Fill from a NeXus/HDF5 file" help="Reads the NXtomo header (energy, pixel size, projections, rotation); nothing of the file is kept." error={fileError ? { type: "server", message: fileError } : undefined}>
        {({ id, describedBy, invalid }) => <Input id={id} type="file" accept=".nxs,.h5,.hdf5,.nx5" aria-describedby={describedBy} invalid={invalid} onChange={(e) => void fillFrom(e.target.files?.[0])} />}
      </Field>
      {readNexus.isPending ? <p role="status" className="text-sm text-slate-700">Reading the header…</p> : null}
      {filled ? <Notice tone={filled.warnings.length ? "warning" : "success"} title={`Filled from ${filled.file}`}>{filled.warnings.length ? filled.warnings.join(" ") : "Check the values, add where the data are stored, and save."}</Notice> : null}
      <div className="grid gap-4 md:grid-cols-3">
        {input("technique", "Technique", { required: true })}
        <Field label="Sample" error={errors.sampleId}>
          {({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("sampleId", orNull)}><option value="">Not one of the samples</option>{samples.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}</Select>}
        </Field>
        {input("detector", "Detector")}
        {input("startTime", "Started", { required: true, help: "Facility time, or ISO 8601 with its offset." })}
        {input("endTime", "Ended", { nullable: true })}
        {input("energyKeV", "Beam energy (keV)", { type: "number", step: "any", numeric: true, help: "Synchrotron; or the tube voltage below." })}
        {input("tubeVoltageKv", "Tube voltage (kV)", { type: "number", step: "any", numeric: true })}
        {input("tubeCurrentUa", "Tube current (µA)", { type: "number", step: "any", numeric: true })}
        {input("countTime", "Exposure (s)", { type: "number", step: "any", numeric: true })}
        {input("voxelSize", "Voxel size", { type: "number", step: "any", numeric: true, required: true })}
        <Field label="Voxel unit" error={errors.voxelUnit} required>
          {({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("voxelUnit")}><option value="nm">nm</option><option value="um">µm</option><option value="mm">mm</option></Select>}
        </Field>
        {input("projections", "Projections", { type: "number", numeric: true })}
        {input("sizeX", "Width (voxels)", { type: "number", numeric: true })}
        {input("sizeY", "Height (voxels)", { type: "number", numeric: true })}
        {input("sizeZ", "Depth (voxels)", { type: "number", numeric: true })}
        {input("rotationStartDeg", "Rotation from (°)", { type: "number", step: "any", numeric: true })}
        {input("rotationEndDeg", "Rotation to (°)", { type: "number", step: "any", numeric: true })}
        {input("fileFormat", "File format", { required: true })}
      </div>
      {input("dataUri", "Where the data are stored", { required: true, help: "A URI: file:///…, s3://…, globus://…; the data stay there." })}
      {input("sha256", "SHA-256", { nullable: true })}
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Save the scan"}</Button>
    </form>
  );
}
