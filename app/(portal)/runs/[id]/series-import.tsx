"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, Input, Textarea } from "../../../_components/form";
import { Button, Notice } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";

type Problem = { line: number | null; column: string | null; message: string };

/**
 * Staff import an instrument's CSV export. The header is read in the browser
 * to propose a mapping (or the one remembered for the instrument is used);
 * the server parses the whole file and imports all of it or nothing.
 */
export function SeriesImportForm({ runId, facilityZone, instruments }: { runId: string; facilityZone: string; instruments: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [instrument, setInstrument] = useState(instruments[0] ?? "");
  const [mapping, setMapping] = useState("");
  const [remembered, setRemembered] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [proposedFor, setProposedFor] = useState("");

  /**
   * Proposes a mapping for this file and instrument, once per pair: leaving the
   * instrument field unchanged proposes nothing new, and nothing on the form
   * moves until the answer is in (a click on Import lands where it was aimed).
   */
  async function propose(chosen: File | null, name: string) {
    const key = chosen ? `${chosen.name}:${chosen.size}:${chosen.lastModified}|${name.trim()}` : "";
    if (!chosen || !name.trim() || key === proposedFor) return;
    setProposedFor(key);
    const lines = (await chosen.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim());
    const header = lines.find((l) => /time|elapsed|date/i.test(l)) ?? lines[0] ?? "";
    const firstRow = lines[lines.indexOf(header) + 1];
    const answer = await queryClient.fetchQuery(trpc.runs.suggestSeriesMapping.queryOptions({ runId, instrument: name.trim(), headerLine: header, firstRow }));
    setNotes([]);
    if (answer.source === "remembered") {
      setMapping("");
      setRemembered(answer.missingColumns.length ? `The mapping remembered for ${name} misses these columns: ${answer.missingColumns.join(", ")}.` : `Uses the mapping remembered for ${name}.`);
      return;
    }
    setRemembered(null);
    const s = answer.suggestion;
    const time = s.time?.format === "elapsed" ? { ...s.time, start: new Date(chosen.lastModified).toISOString() } : s.time?.format === "local" ? { ...s.time, timeZone: facilityZone } : s.time;
    setMapping(JSON.stringify({ time, columns: s.columns.map((c) => ({ ...c, unit: c.unit ?? "" })) }, null, 2));
    setNotes([...s.notes, ...(s.unrecognised.length ? [`Not mapped: ${s.unrecognised.join(", ")}.`] : [])]);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setProblems([]);
    setMessage(null);
    if (!file) return setMessage({ tone: "danger", text: "Choose the instrument's CSV export." });
    if (!instrument.trim()) return setMessage({ tone: "danger", text: "Name the instrument, e.g. ICP-OES Agilent 5900." });
    setBusy(true);
    try {
      const body = new FormData();
      body.set("file", file);
      body.set("instrument", instrument.trim());
      if (mapping.trim()) body.set("mapping", mapping);
      const response = await fetch(`/api/runs/${runId}/series`, { method: "POST", body });
      const result = (await response.json()) as { error?: string; errors?: Problem[]; rowCount?: number; series?: { key: string }[] };
      if (!response.ok) {
        setMessage({ tone: "danger", text: result.error ?? "The file could not be imported." });
        setProblems(result.errors ?? []);
        return;
      }
      setMessage({ tone: "success", text: `Imported ${result.rowCount?.toLocaleString("en-GB")} rows: ${result.series?.map((s) => s.key).join(", ")}.` });
      setFile(null);
      router.refresh();
    } catch {
      setMessage({ tone: "danger", text: "The portal could not be reached. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Import a time series">
      {message ? <Notice tone={message.tone} title={message.tone === "danger" ? "Nothing was imported" : undefined}>{message.text}</Notice> : null}
      {problems.length > 0 ? (
        <ul aria-label="Problems in the file" className="list-disc space-y-0.5 pl-5 text-sm text-red-800">
          {problems.map((p, i) => <li key={i}>{p.line ? `Line ${p.line}` : "Mapping"}{p.column ? `, column “${p.column}”` : ""}: {p.message}</li>)}
        </ul>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Instrument" help="Its column mapping is remembered for next time.">
          {({ id, describedBy }) => <Input id={id} list="known-instruments" value={instrument} aria-describedby={describedBy} onChange={(e) => setInstrument(e.target.value)} onBlur={() => void propose(file, instrument)} />}
        </Field>
        <datalist id="known-instruments">{instruments.map((i) => <option key={i} value={i} />)}</datalist>
        <Field label="CSV export" help="ICP-OES / ICP-MS, ion chromatography, pH and Eh probes, or the sample environment's log.">
          {({ id, describedBy }) => <Input id={id} type="file" accept=".csv,.txt,.tsv,text/csv" aria-describedby={describedBy} onChange={(e) => { const chosen = e.target.files?.[0] ?? null; setFile(chosen); void propose(chosen, instrument); }} />}
        </Field>
      </div>
      {remembered ? <p className="text-sm text-slate-700">{remembered}</p> : null}
      {mapping ? (
        <Field label="Column mapping" help={notes.length ? notes.join(" ") : "Proposed from the header: check the units (UCUM) and the time column, then import."}>
          {({ id, describedBy }) => <Textarea id={id} rows={10} className="font-mono text-xs" value={mapping} aria-describedby={describedBy} onChange={(e) => setMapping(e.target.value)} />}
        </Field>
      ) : null}
      <Button type="submit" disabled={busy}>{busy ? "Importing…" : "Import the file"}</Button>
    </form>
  );
}
