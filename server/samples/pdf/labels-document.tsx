import { Document, Image, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { pdfFontFamily } from "../../pdf/fonts";

export interface LabelData {
  code: string;
  /** PNG data URL of the code as a QR code. */
  qr: string;
  title: string;
  lines: string[];
  warning: string | null;
}

const s = StyleSheet.create({
  page: { fontFamily: pdfFontFamily, fontSize: 8, padding: 24, flexDirection: "row", flexWrap: "wrap", alignContent: "flex-start" },
  label: { width: "50%", height: 150, padding: 8, borderWidth: 0.75, borderColor: "#9aa3af", borderStyle: "dashed", flexDirection: "row" },
  qr: { width: 110, height: 110, marginRight: 8 },
  text: { flex: 1 },
  code: { fontSize: 11, fontWeight: 700, marginBottom: 4 },
  title: { fontSize: 9, fontWeight: 700, marginBottom: 3 },
  warning: { marginTop: 4, padding: 3, backgroundColor: "#fef3c7", color: "#78350f", fontWeight: 700 },
});

/** A sheet of cut-out labels, two across: a QR code of the code, the code in print, and what the item is. */
export function LabelsDocument({ title, labels }: { title: string; labels: LabelData[] }) {
  return (
    <Document title={title} creator="Lodestone" producer="Lodestone" language="en-GB">
      <Page size="A4" style={s.page}>
        {labels.map((l) => (
          <View key={l.code} style={s.label} wrap={false}>
            {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image, not an HTML image */}
            <Image style={s.qr} src={l.qr} />
            <View style={s.text}>
              <Text style={s.code}>{l.code}</Text>
              <Text style={s.title}>{l.title}</Text>
              {l.lines.map((line, i) => <Text key={i}>{line}</Text>)}
              {l.warning ? <Text style={s.warning}>{l.warning}</Text> : null}
            </View>
          </View>
        ))}
      </Page>
    </Document>
  );
}
