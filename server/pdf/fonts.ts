import fs from "node:fs";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

/** The font family every PDF uses (DejaVu Sans, shipped in server/access-requests/pdf/fonts). */
export const pdfFontFamily = "DejaVu Sans";

/**
 * The shipped DejaVu fonts. The built-in Helvetica garbles letters outside
 * Western Europe ("Łódź"), so every PDF uses these. Both vitest and
 * `next start` run from the repository root. The paths are spelled out so
 * that Next's file tracing sees exactly these two files.
 */
const regularFont = path.join(process.cwd(), "server/access-requests/pdf/fonts/DejaVuSans.ttf");
const boldFont = path.join(process.cwd(), "server/access-requests/pdf/fonts/DejaVuSans-Bold.ttf");

let fontsRegistered = false;

export function registerPdfFonts() {
  if (fontsRegistered) return;
  for (const [file, there] of [[regularFont, fs.existsSync(regularFont)], [boldFont, fs.existsSync(boldFont)]] as const) {
    if (!there) throw new Error(`The PDF font ${file} is missing: run from the repository root, where server/access-requests/pdf/fonts ships it.`);
  }
  Font.register({ family: pdfFontFamily, fonts: [{ src: regularFont, fontWeight: 400 }, { src: boldFont, fontWeight: 700 }] });
  fontsRegistered = true;
}
