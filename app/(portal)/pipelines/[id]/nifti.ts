/**
 * A minimal NIfTI-1 file around a uint8 volume (x fastest), so the browser's
 * viewer can show a labelled volume the portal stores as raw bytes.
 */
export function niftiFromLabels(labels: Uint8Array, dims: { nx: number; ny: number; nz: number }, voxel: number): ArrayBuffer {
  const headerBytes = 352;
  const buffer = new ArrayBuffer(headerBytes + labels.length);
  const view = new DataView(buffer);
  view.setInt32(0, 348, true);
  [3, dims.nx, dims.ny, dims.nz, 1, 1, 1, 1].forEach((d, i) => view.setInt16(40 + i * 2, d, true));
  view.setInt16(70, 2, true); // DT_UINT8
  view.setInt16(72, 8, true);
  [1, voxel, voxel, voxel, 1, 1, 1, 1].forEach((p, i) => view.setFloat32(76 + i * 4, p, true));
  view.setFloat32(108, headerBytes, true);
  view.setFloat32(112, 1, true); // scl_slope
  view.setUint8(123, 2); // millimetres
  view.setInt16(254, 1, true); // sform_code: scanner
  view.setFloat32(280, voxel, true);
  view.setFloat32(296 + 4, voxel, true);
  view.setFloat32(312 + 8, voxel, true);
  new Uint8Array(buffer, 344, 4).set([0x6e, 0x2b, 0x31, 0]); // "n+1\0"
  new Uint8Array(buffer, headerBytes).set(labels);
  return buffer;
}
