import { StyleSheet, Text, View } from "@react-pdf/renderer";

/** The colours every Lodestone document uses. */
export const palette = { ink: "#1f2937", muted: "#5b6472", rule: "#d5d9e0", faint: "#f3f4f6", accent: "#1e3a5f" } as const;

/** The brand row at the top and the footer at the bottom, shared by requests, agreements, quotes and invoices. */
export const chrome = StyleSheet.create({
  brandRow: { flexDirection: "row", justifyContent: "space-between", alignItems: "baseline", borderBottomWidth: 1.5, borderBottomColor: palette.accent, paddingBottom: 5, marginBottom: 10 },
  brand: { fontSize: 13, fontWeight: 700, color: palette.accent, letterSpacing: 0.5 },
  brandNote: { fontSize: 8, color: palette.muted },
  footer: { position: "absolute", left: 44, right: 44, bottom: 24, flexDirection: "row", justifyContent: "space-between", borderTopWidth: 0.5, borderTopColor: palette.rule, paddingTop: 4, fontSize: 7.5, color: palette.muted },
});

/** "LODESTONE" and what the document is, repeated on every page. */
export function BrandRow({ note }: { note: string }) {
  return (
    <View style={chrome.brandRow} fixed>
      <Text style={chrome.brand}>LODESTONE</Text>
      <Text style={chrome.brandNote}>{note}</Text>
    </View>
  );
}
