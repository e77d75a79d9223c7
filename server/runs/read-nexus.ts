import type { z } from "zod";
import type { Actor } from "../access/actor";
import type { Db } from "../db";
import { invalid } from "../errors";
import { loadRunForStaff } from "./load";
import { NexusReadError, readNxtomoHeader } from "./nexus";
import type { nexusFileSchema } from "./schemas";

/**
 * Reads a NeXus/HDF5 file's NXtomo header and returns it as the scan form's
 * fields, for staff to check and save; the file itself is not kept (the data
 * stay where the facility stores them).
 */
export async function scanFieldsFromNexus(db: Db, actor: Actor, input: z.output<typeof nexusFileSchema>) {
  await loadRunForStaff(db, actor, input.runId);
  const bytes = Buffer.from(input.base64, "base64");
  let header;
  try {
    header = await readNxtomoHeader(new Uint8Array(bytes));
  } catch (error) {
    if (error instanceof NexusReadError) throw invalid(error.message, "file");
    throw error;
  }
  const rotation = header.sample.rotation_angle;
  return {
    fields: {
      technique: header.source.probe === "neutron" ? "Neutron tomography" : header.source.voltage ? "Lab micro-CT" : "Synchrotron micro-CT",
      probe: header.source.probe ?? "x-ray",
      startTime: header.start_time?.toISOString() ?? null,
      endTime: header.end_time?.toISOString() ?? null,
      energyKeV: header.source.energy?.value ?? null,
      tubeVoltageKv: header.source.voltage?.value ?? null,
      tubeCurrentUa: header.source.current?.value ?? null,
      voxelSize: header.voxel_size?.value ?? null,
      voxelUnit: "um" as const,
      sizeX: header.volume?.x ?? null,
      sizeY: header.volume?.y ?? null,
      sizeZ: header.volume?.z ?? null,
      projections: header.data.image_key?.projections ?? null,
      flats: header.data.image_key?.flats ?? null,
      darks: header.data.image_key?.darks ?? null,
      countTime: header.detector.count_time?.value ?? null,
      detector: header.detector.description ?? header.detector.local_name ?? "",
      rotationStartDeg: rotation?.min ?? null,
      rotationEndDeg: rotation?.max ?? null,
      fileFormat: "NeXus/HDF5 (NXtomo)",
      sizeBytes: bytes.byteLength,
      sha256: (await import("node:crypto")).createHash("sha256").update(bytes).digest("hex"),
    },
    sampleName: header.sample.name,
    warnings: header.warnings,
  };
}
