// `npx tsx scripts/render-public-assets.ts`: renders public/'s PNG icons, the
// favicon and the Open Graph image from the drawn mark, public/icons/icon.svg.
// The outputs are committed; run this again only after changing the mark.
// (sharp comes with Next.js as a prebuilt binary; it needs no install script.)
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { root } from "./lib/process";

const publicDir = path.join(root, "public");
const mark = fs.readFileSync(path.join(publicDir, "icons/icon.svg"), "utf8");
// Maskable and Apple icons are cropped by the platform: draw the tile to the edges.
const fullBleed = mark.replace('rx="96"', 'rx="0"');
// At 16 px the dial is a blur: the smallest favicon shows the needle alone.
const needleOnly = mark.replace('<g id="dial"', '<g id="dial" display="none"');

const png = (svg: string, size: number) => sharp(Buffer.from(svg), { density: 72 * (size / 512) * 4 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

/** An ICO file holding PNG images (supported by every browser since IE 11). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size % 256, entry); // 0 means 256
    header.writeUInt8(size % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

const ogImage = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#172554"/>
      <stop offset="1" stop-color="#1e40af"/>
    </linearGradient>
  </defs>
  <rect width="1200" height="630" fill="url(#bg)"/>
  <rect y="610" width="1200" height="20" fill="#059669"/>
  <g font-family="DejaVu Sans, Helvetica, Arial, sans-serif" fill="#fff">
    <text x="400" y="250" font-size="88" font-weight="bold">Lodestone</text>
    <text x="400" y="330" font-size="34" fill="#dbe6fe">Book X-ray imaging beamtime for</text>
    <text x="400" y="376" font-size="34" fill="#dbe6fe">critical-minerals research.</text>
    <text x="400" y="460" font-size="24" fill="#eef4ff" fill-opacity=".8">Synchrotron and lab CT · SME access · Digital Ore Passports</text>
  </g>
</svg>`;

async function main() {
  const write = (file: string, data: Buffer | string) => {
    fs.writeFileSync(path.join(publicDir, file), data);
    console.log(`public/${file}`);
  };
  write("icons/icon-192.png", await png(mark, 192));
  write("icons/icon-512.png", await png(mark, 512));
  write("icons/icon-maskable-512.png", await png(fullBleed, 512));
  write("apple-touch-icon.png", await png(fullBleed, 180));
  write("favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(size < 32 ? needleOnly : mark, size) })))));
  const markOnOg = await png(mark, 280);
  write("og-image.png", await sharp(Buffer.from(ogImage)).composite([{ input: markOnOg, left: 80, top: 175 }]).png({ compressionLevel: 9 }).toBuffer());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
