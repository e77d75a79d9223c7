import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { pdfFontFamily } from "../../pdf/fonts";
import { BrandRow, palette } from "../../pdf/theme";
import { formatFacilityDate } from "../../time";
import { formatMinor } from "../money";
import type { PriceLine } from "../pricing";

/** A quote, invoice or credit note as a document; every amount formatted from integer minor units. */
export interface BillingDocumentData {
  title: "Quote" | "Invoice" | "Credit note";
  number: string;
  issuedAt: Date;
  dueAt: Date | null;
  timeZone: string;
  facility: { name: string; city: string; country: string };
  payer: { name: string; country: string };
  request: { reference: string; title: string };
  lines: PriceLine[];
  currency: string;
  fullCostMinor: number;
  subsidyMinor: number;
  subsidyLabel: string;
  waivedMinor: number;
  netMinor: number;
  vatMinor: number;
  vatLabel: string;
  totalMinor: number;
  notes: string[];
}

const { ink, muted, rule } = palette;

const s = StyleSheet.create({
  page: { fontFamily: pdfFontFamily, fontSize: 9, color: ink, padding: 44 },
  title: { fontSize: 16, fontWeight: 700, marginBottom: 10 },
  parties: { flexDirection: "row", justifyContent: "space-between", marginBottom: 14 },
  label: { color: muted, fontSize: 8 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: rule, paddingVertical: 3 },
  item: { flex: 1, paddingRight: 6 },
  qty: { width: 50, textAlign: "right" },
  unit: { width: 80, textAlign: "right" },
  amount: { width: 80, textAlign: "right" },
  totalRow: { flexDirection: "row", justifyContent: "flex-end", paddingVertical: 2 },
  totalLabel: { width: 260, textAlign: "right", paddingRight: 6 },
  note: { marginTop: 10, color: muted },
});

export function BillingDocument({ data }: { data: BillingDocumentData }) {
  const money = (minor: number) => formatMinor(minor, data.currency);
  const totals: [string, number, boolean?][] = [["Full cost", data.fullCostMinor]];
  if (data.subsidyMinor) totals.push([data.subsidyLabel, -data.subsidyMinor]);
  if (data.waivedMinor) totals.push(["Free at the point of use (value granted)", -data.waivedMinor]);
  totals.push(["Net", data.netMinor], [data.vatLabel, data.vatMinor], [data.title === "Quote" ? "Total" : data.title === "Credit note" ? "Total credited" : "Total due", data.totalMinor, true]);
  return (
    <Document title={`${data.title} ${data.number}`} creator="Lodestone" producer="Lodestone" language="en-GB">
      <Page size="A4" style={s.page}>
        <BrandRow note={`${data.facility.name}, ${data.facility.city} (${data.facility.country})`} />
        <Text style={s.title}>{data.title} {data.number}</Text>
        <View style={s.parties}>
          <View><Text style={s.label}>To</Text><Text>{data.payer.name} ({data.payer.country})</Text><Text style={s.label}>For</Text><Text>{data.request.reference}: {data.request.title}</Text></View>
          <View><Text style={s.label}>Issued</Text><Text>{formatFacilityDate(data.issuedAt, data.timeZone)}</Text>{data.dueAt ? <><Text style={s.label}>Due</Text><Text>{formatFacilityDate(data.dueAt, data.timeZone)}</Text></> : null}</View>
        </View>
        <View style={[s.row, { fontWeight: 700 }]}><Text style={s.item}>Item</Text><Text style={s.qty}>Quantity</Text><Text style={s.unit}>Unit price</Text><Text style={s.amount}>Amount</Text></View>
        {data.lines.map((l, i) => (
          <View key={i} style={s.row} wrap={false}><Text style={s.item}>{l.label}</Text><Text style={s.qty}>{l.quantity}</Text><Text style={s.unit}>{money(l.unitPriceMinor)}</Text><Text style={s.amount}>{money(l.amountMinor)}</Text></View>
        ))}
        <View style={{ marginTop: 6 }}>
          {totals.map(([label, minor, strong]) => (
            <View key={label} style={[s.totalRow, strong ? { fontWeight: 700 } : {}]}><Text style={s.totalLabel}>{label}</Text><Text style={s.amount}>{money(minor)}</Text></View>
          ))}
        </View>
        {data.notes.map((n, i) => <Text key={i} style={s.note}>{n}</Text>)}
      </Page>
    </Document>
  );
}
