import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { techniqueLabels } from "../schemas";
import type { Technique } from "../../generated/prisma/enums";
import { formatFacilityDateTime } from "../../time";
import { contentLabels } from "../diff-versions";
import { pdfFontFamily } from "../../pdf/fonts";
import { chrome, palette } from "../../pdf/theme";
import { materialClassLabels, teamRoleLabels, type RequestContent } from "../schemas";


/** Everything the document shows, gathered and checked by renderRequestPdf. */
export interface RequestPdfData {
  reference: string;
  /** The request's current state, in words ("Feasibility review"). */
  status: string;
  version: number;
  latestVersion: number;
  submittedAt: Date;
  submittedBy: string | null;
  /** The facility's IANA zone; every time is shown in it, named. */
  timeZone: string;
  facility: { name: string; code: string };
  organisationName: string;
  route: { name: string; dataPolicy: string; confidential: boolean; industrial: boolean; embargoMonths: number | null };
  /** "Open call 2027-1 (cycle 2027-1)", when the request answers a call. */
  call: string | null;
  content: RequestContent;
  /** The endstations the content names, in the order it names them. */
  endstations: { id: string; code: string; name: string; technique: Technique; shiftHours: number }[];
  demonstratorTitle: string | null;
  generatedAt: Date;
}


const { ink, muted, rule, faint, accent } = palette;

const s = StyleSheet.create({
  page: { fontFamily: pdfFontFamily, fontSize: 9, color: ink, paddingTop: 36, paddingBottom: 52, paddingHorizontal: 44 },
  // lineHeight lives here, not on the page: on the page it hides the absolutely placed footer.
  body: { fontSize: 9, lineHeight: 1.4 },
  ...chrome,
  refRow: { flexDirection: "row", alignItems: "center", marginBottom: 2 },
  reference: { fontSize: 15, lineHeight: 1.25, fontWeight: 700, marginRight: 8 },
  badge: { fontSize: 8, fontWeight: 700, borderWidth: 0.75, borderColor: accent, color: accent, borderRadius: 3, paddingHorizontal: 5, paddingVertical: 1 },
  title: { fontSize: 12, lineHeight: 1.3, fontWeight: 700, marginBottom: 8 },
  meta: { borderTopWidth: 0.5, borderTopColor: rule, marginBottom: 8 },
  metaRow: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: rule, paddingVertical: 2.5 },
  metaLabel: { width: 92, color: muted },
  metaValue: { flex: 1 },
  proprietary: { borderWidth: 1, borderColor: "#92400e", borderLeftWidth: 4, backgroundColor: "#fef3c7", color: "#78350f", paddingVertical: 5, paddingHorizontal: 8, marginBottom: 10, fontWeight: 700 },
  section: { marginTop: 9 },
  heading: { fontSize: 10.5, lineHeight: 1.35, fontWeight: 700, color: accent, borderBottomWidth: 0.5, borderBottomColor: rule, paddingBottom: 2, marginBottom: 4 },
  subheading: { fontSize: 9, fontWeight: 700, marginTop: 5, marginBottom: 2 },
  paragraph: { marginBottom: 3 },
  empty: { color: muted },
  strong: { fontWeight: 700 },
  table: { borderTopWidth: 0.5, borderTopColor: rule, marginTop: 2 },
  headRow: { flexDirection: "row", backgroundColor: faint, borderBottomWidth: 0.5, borderBottomColor: rule },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: rule },
  th: { fontWeight: 700, fontSize: 8, color: muted, paddingVertical: 3, paddingHorizontal: 4 },
  td: { paddingVertical: 3, paddingHorizontal: 4 },
});

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2027-05-14" (a date at the facility) as "14 May 2027"; anything else as written. */
export function formatIsoDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? months[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/** "3 shifts (3×8 h)"; endstations with different shift lengths give each length. */
export function formatShifts(shifts: number | null, shiftHours: readonly number[]): string {
  if (shifts === null) return "Not given";
  const hours = [...new Set(shiftHours.length ? shiftHours : [8])].sort((a, b) => b - a);
  const noun = shifts === 1 ? "shift" : "shifts";
  return `${shifts} ${noun} (${hours.map((h) => `${shifts}×${h} h`).join(" or ")})`;
}

/** Words never split by hyphenation (emails, codes). */
const whole = (word: string) => [word];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View style={s.section}>
      <Text style={s.heading} minPresenceAhead={40}>
        {title}
      </Text>
      {children}
    </View>
  );
}

function Prose({ text, empty = "Not given." }: { text: string; empty?: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  if (!paragraphs.length) return <Text style={s.empty}>{empty}</Text>;
  return (
    <>
      {paragraphs.map((p, i) => (
        <Text key={i} style={s.paragraph}>
          {p}
        </Text>
      ))}
    </>
  );
}

function MetaRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View style={s.metaRow} wrap={false}>
      <Text style={s.metaLabel}>{label}</Text>
      <Text style={s.metaValue}>{children}</Text>
    </View>
  );
}

interface Column<T> {
  title: string;
  width: number | string;
  cell: (row: T) => string;
  keepWhole?: boolean;
}

function Table<T>({ columns, rows, empty }: { columns: Column<T>[]; rows: T[]; empty: string }) {
  if (!rows.length) return <Text style={s.empty}>{empty}</Text>;
  const cellStyle = (c: Column<T>) => (typeof c.width === "number" ? { width: c.width } : { flex: 1 });
  // A short table moves to the next page whole rather than splitting from its header.
  return (
    <View style={s.table} wrap={rows.length > 8}>
      <View style={s.headRow} wrap={false}>
        {columns.map((c) => (
          <Text key={c.title} style={[s.th, cellStyle(c)]}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((row, i) => (
        <View key={i} style={s.row} wrap={false}>
          {columns.map((c) => (
            <Text key={c.title} style={[s.td, cellStyle(c)]} hyphenationCallback={c.keepWhole ? whole : undefined}>
              {c.cell(row) || "—"}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** One submitted version of an access request, as an A4 document. */
export function RequestDocument({ data }: { data: RequestPdfData }) {
  const { content, route } = data;
  const when = (at: Date) => formatFacilityDateTime(at, data.timeZone);
  const endstationById = new Map(data.endstations.map((e) => [e.id, e]));
  const chosen = content.endstationIds.map((id) => endstationById.get(id) ?? { id, code: "?", name: "Endstation no longer listed", technique: null, shiftHours: null });
  const versionNote = data.version === data.latestVersion ? `${data.version} (latest)` : `${data.version} of ${data.latestVersion} — a later version exists`;
  const marker = `Proprietary — visible to ${data.organisationName} and facility staff`;
  const industrialCase = content.companyDescription || content.expectedBenefit || route.industrial;

  return (
    <Document title={`${data.reference} v${data.version} — ${content.title}`} author={data.organisationName} subject="Access request" creator="Lodestone" producer="Lodestone" language="en-GB">
      <Page size="A4" style={s.page}>
        <View style={s.brandRow} fixed>
          <Text style={s.brand}>Lodestone</Text>
          <Text style={s.brandNote}>Access request · {data.facility.name}</Text>
        </View>

        <View style={s.body}>
          <View style={s.refRow}>
            <Text style={s.reference}>{data.reference}</Text>
            <Text style={s.badge}>{data.status}</Text>
          </View>
          <Text style={s.title}>{content.title || "Untitled request"}</Text>

          {route.confidential ? <Text style={s.proprietary}>{marker}</Text> : null}

          <View style={s.meta}>
            <MetaRow label="Status">{data.status}</MetaRow>
            <MetaRow label="Version">{versionNote}</MetaRow>
            <MetaRow label="Submitted">
              {when(data.submittedAt)}
              {data.submittedBy ? ` by ${data.submittedBy}` : ""}
            </MetaRow>
            <MetaRow label="Applicant">{data.organisationName}</MetaRow>
            <MetaRow label="Facility">
              {data.facility.name} ({data.facility.code})
            </MetaRow>
            <MetaRow label="Access route">
              {route.name}
              {route.confidential ? " (proprietary)" : ""}
            </MetaRow>
            {data.call ? <MetaRow label="Call">{data.call}</MetaRow> : null}
            <MetaRow label="Data policy">
              {route.dataPolicy || "—"}
              {route.embargoMonths ? ` Embargo: ${route.embargoMonths} months.` : ""}
            </MetaRow>
          </View>

          <Section title={contentLabels.summary}>
            <Prose text={content.summary} />
          </Section>

          <Section title={contentLabels.scientificCase}>
            <Prose text={content.scientificCase} />
          </Section>

          <Section title="Techniques and endstations">
            <Text style={s.paragraph}>
              <Text style={s.strong}>{contentLabels.techniques}: </Text>
              {content.techniques.length ? content.techniques.map((t) => techniqueLabels[t]).join(", ") : "none chosen"}
            </Text>
            <Table
              columns={[
                { title: "Code", width: 70, cell: (e) => e.code, keepWhole: true },
                { title: "Endstation", width: "flex", cell: (e) => e.name },
                { title: "Technique", width: 90, cell: (e) => (e.technique ? techniqueLabels[e.technique] : "—") },
                { title: "Shift length", width: 70, cell: (e) => (e.shiftHours ? `${e.shiftHours} h` : "—") },
              ]}
              rows={chosen}
              empty="No endstation chosen."
            />
          </Section>

          <Section title={contentLabels.shiftsRequested}>
            <Text style={[s.paragraph, s.strong]}>{formatShifts(content.shiftsRequested, data.endstations.filter((e) => content.endstationIds.includes(e.id)).map((e) => e.shiftHours))}</Text>
            <Text style={s.subheading}>{contentLabels.shiftJustification}</Text>
            <Prose text={content.shiftJustification} />
          </Section>

          <Section title="Dates">
            <Text style={s.subheading}>{contentLabels.dateWindows} (dates at the facility, {data.timeZone})</Text>
            {content.dateWindows.length ? (
              content.dateWindows.map((w, i) => (
                <Text key={i}>
                  {formatIsoDate(w.from)} – {formatIsoDate(w.to)}
                </Text>
              ))
            ) : (
              <Text style={s.empty}>None given.</Text>
            )}
            <Text style={s.subheading}>{contentLabels.unavailableDates}</Text>
            {content.unavailableDates.length ? <Text>{content.unavailableDates.map(formatIsoDate).join(", ")}</Text> : <Text style={s.empty}>None.</Text>}
          </Section>

          <Section title={`${contentLabels.team} (${content.team.length})`}>
            <Table
              columns={[
                { title: "Name", width: "flex", cell: (m) => m.name },
                { title: "Email", width: 190, cell: (m) => m.email, keepWhole: true },
                { title: "Role", width: 120, cell: (m) => teamRoleLabels[m.role] },
              ]}
              rows={content.team}
              empty="No team member named."
            />
          </Section>

          <Section title={`${contentLabels.samples} (${content.samples.length})`}>
            <Table
              columns={[
                { title: "Sample", width: 130, cell: (x) => x.name },
                { title: "Material", width: 118, cell: (x) => materialClassLabels[x.materialClass] },
                { title: "Count", width: 40, cell: (x) => (x.count === null ? "—" : String(x.count)) },
                { title: "Hazards", width: "flex", cell: (x) => x.hazardSummary },
              ]}
              rows={content.samples}
              empty="No sample described."
            />
          </Section>

          {industrialCase ? (
            <Section title="Industrial case">
              <Text style={s.subheading}>{contentLabels.companyDescription}</Text>
              <Prose text={content.companyDescription} />
              <Text style={s.subheading}>{contentLabels.expectedBenefit}</Text>
              <Prose text={content.expectedBenefit} />
            </Section>
          ) : null}

          <Section title={contentLabels.demonstratorId}>
            <Text style={data.demonstratorTitle ? undefined : s.empty}>{data.demonstratorTitle ?? (content.demonstratorId ? "A demonstrator project that is no longer listed." : "Not linked to a demonstrator project.")}</Text>
          </Section>

          <Section title="Data policy">
            <Text>
              <Text style={s.strong}>{contentLabels.dataPolicyAccepted}: </Text>
              {content.dataPolicyAccepted ? `Yes — the applicant accepted the data policy of ${route.name}.` : "No"}
            </Text>
          </Section>

          <Text style={[s.empty, { marginTop: 14, fontSize: 7.5 }]}>
            This document shows version {data.version} exactly as submitted. Made by Lodestone on {when(data.generatedAt)}.
          </Text>
        </View>

        <View style={s.footer} fixed>
          <Text>
            {data.reference} · version {data.version}
            {route.confidential ? " · Proprietary" : ""}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}
