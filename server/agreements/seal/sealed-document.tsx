import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { pdfFontFamily } from "../../pdf/fonts";
import { BrandRow, chrome, palette } from "../../pdf/theme";
import { formatFacilityDateTime } from "../../time";

/** Everything the sealed agreement shows, gathered by seal-agreements.ts. */
export interface SealedAgreementData {
  reference: string;
  title: string;
  templateVersion: number;
  covers: string;
  text: string;
  documentHash: string;
  /** The facility's IANA zone: every time is shown in it, named. */
  timeZone: string;
  sentAt: Date;
  completedAt: Date;
  terms: { dataAccess: string; embargoEndsAt: Date | null; licence: string | null };
  /**
   * Signers' IP addresses and browsers are deliberately absent: every party gets
   * this same PDF, so showing them would hand one party another's network details.
   * They stay on the signatory rows and in the audit log as evidence.
   */
  signatures: { organisation: string; party: string; typedName: string; account: string; signedAt: Date; documentHash: string }[];
  auditTrail: { at: Date; action: string; actor: string; detail: string }[];
  sealedAt: Date;
}


const { ink, muted, rule, accent } = palette;

const s = StyleSheet.create({
  page: { fontFamily: pdfFontFamily, fontSize: 9, color: ink, paddingTop: 36, paddingBottom: 56, paddingHorizontal: 44 },
  body: { fontSize: 9.5, lineHeight: 1.45 },
  reference: { fontSize: 15, lineHeight: 1.25, fontWeight: 700 },
  subtitle: { fontSize: 10, color: muted, marginBottom: 10 },
  heading: { fontSize: 11, lineHeight: 1.35, fontWeight: 700, color: accent, borderBottomWidth: 0.5, borderBottomColor: rule, paddingBottom: 2, marginBottom: 6, marginTop: 4 },
  paragraph: { marginBottom: 6 },
  hash: { fontSize: 8, color: muted, marginTop: 2 },
  signature: { borderWidth: 0.75, borderColor: rule, borderLeftWidth: 3, borderLeftColor: "#047857", padding: 8, marginBottom: 8 },
  signatureName: { fontSize: 12, fontWeight: 700, marginBottom: 3 },
  row: { flexDirection: "row", paddingVertical: 1.5 },
  label: { width: 92, color: muted },
  value: { flex: 1 },
  auditRow: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: rule, paddingVertical: 3, fontSize: 8 },
  auditAt: { width: 78 },
  auditAction: { width: 96, fontWeight: 700 },
  auditActor: { width: 170, paddingRight: 4 },
  auditDetail: { flex: 1 },
});

function Pair({ label, value }: { label: string; value: string }) {
  return (
    <View style={s.row}>
      <Text style={s.label}>{label}</Text>
      <Text style={s.value}>{value}</Text>
    </View>
  );
}

function Chrome({ data }: { data: SealedAgreementData }) {
  return (
    <>
      <BrandRow note={`Sealed agreement · ${data.reference}`} />
      <View style={chrome.footer} fixed>
        <Text>Document SHA-256 {data.documentHash}</Text>
        <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </>
  );
}

/** The signed text, then a signature page and the audit trail; every time in the facility's zone. */
export function SealedAgreementDocument({ data }: { data: SealedAgreementData }) {
  const when = (at: Date) => formatFacilityDateTime(at, data.timeZone);
  return (
    <Document title={`${data.reference} — ${data.title} (sealed)`} subject="Sealed agreement" creator="Lodestone" producer="Lodestone" language="en-GB">
      <Page size="A4" style={s.page}>
        <Chrome data={data} />
        <Text style={s.reference}>{data.reference}: {data.title}</Text>
        <Text style={s.subtitle}>Covers {data.covers} · template version {data.templateVersion} · sent {when(data.sentAt)}</Text>
        <View style={s.body}>
          {data.text.split(/\n{2,}/).map((paragraph, i) => <Text key={i} style={s.paragraph}>{paragraph}</Text>)}
        </View>
      </Page>
      <Page size="A4" style={s.page}>
        <Chrome data={data} />
        <Text style={s.heading}>Signatures</Text>
        <Text style={s.paragraph}>Signed by every party on {when(data.completedAt)}. Each signature is bound to the document&apos;s SHA-256 fingerprint:</Text>
        <Text style={[s.paragraph, { fontWeight: 700 }]}>{data.documentHash}</Text>
        {data.signatures.map((sig) => (
          <View key={sig.organisation} style={s.signature} wrap={false}>
            <Text style={s.signatureName}>{sig.typedName}</Text>
            <Pair label="For" value={`${sig.organisation} (${sig.party})`} />
            <Pair label="Account" value={sig.account} />
            <Pair label="Signed" value={when(sig.signedAt)} />
            <Pair label="Hash signed" value={sig.documentHash} />
          </View>
        ))}
        <Text style={s.heading}>Terms that flow on</Text>
        <Pair label="Data access" value={data.terms.dataAccess} />
        <Pair label="Embargo ends" value={data.terms.embargoEndsAt ? when(data.terms.embargoEndsAt) : "no embargo: not published"} />
        <Pair label="Licence" value={data.terms.licence ?? "none: all rights stay with the owner of the data"} />
      </Page>
      <Page size="A4" style={s.page}>
        <Chrome data={data} />
        <Text style={s.heading}>Audit trail</Text>
        <View style={[s.auditRow, { fontWeight: 700 }]}>
          <Text style={s.auditAt}>When ({data.timeZone})</Text>
          <Text style={s.auditAction}>What</Text>
          <Text style={s.auditActor}>Who</Text>
          <Text style={s.auditDetail}>Detail</Text>
        </View>
        {data.auditTrail.map((row, i) => (
          <View key={i} style={s.auditRow} wrap={false}>
            <Text style={s.auditAt}>{formatFacilityDateTime(row.at, data.timeZone).replace(` ${data.timeZone}`, "")}</Text>
            <Text style={s.auditAction}>{row.action}</Text>
            <Text style={s.auditActor}>{row.actor}</Text>
            <Text style={s.auditDetail}>{row.detail}</Text>
          </View>
        ))}
        <Text style={[s.hash, { marginTop: 12 }]}>Sealed by Lodestone on {when(data.sealedAt)}. The portal keeps the SHA-256 of this PDF beside the download, so any copy can be checked against it.</Text>
      </Page>
    </Document>
  );
}
