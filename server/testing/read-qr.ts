import jsQR from "jsqr";
import type { PNG } from "pngjs";

/** Decodes the QR code inside one region of a rendered page (a page of labels holds several), as a handheld scanner would. */
export function readQrIn(png: PNG, region: { x: number; y: number; width: number; height: number }): string | null {
  const { x, y, width, height } = region;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * png.width + x) * 4;
    pixels.set(png.data.subarray(from, from + width * 4), row * width * 4);
  }
  return jsQR(pixels, width, height)?.data ?? null;
}
