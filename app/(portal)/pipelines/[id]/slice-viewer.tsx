"use client";

import { useEffect, useRef, useState } from "react";
import { niftiFromLabels } from "./nifti";

/**
 * Orthogonal slices of the segmented volume (a down-sampled copy), coloured by
 * phase, in the browser with niivue (WebGL2). The phases' names are listed
 * beside it as the legend.
 */
export function SliceViewer({ url, dims, voxel, maxLabel, label }: { url: string; dims: { nx: number; ny: number; nz: number }; voxel: number; maxLabel: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const [message, setMessage] = useState("");
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? `The volume could not be loaded (${response.status}).`);
        const labels = new Uint8Array(await response.arrayBuffer());
        const { Niivue, SLICE_TYPE } = await import("@niivue/niivue");
        if (cancelled || !canvas.current) return;
        const nv = new Niivue({ backColor: [1, 1, 1, 1], show3Dcrosshair: true, isColorbar: false });
        await nv.attachToCanvas(canvas.current);
        await nv.loadFromArrayBuffer(niftiFromLabels(labels, dims, voxel), "segmentation.nii");
        const volume = nv.volumes[0];
        if (volume) {
          volume.colormap = "jet";
          volume.cal_min = 0;
          volume.cal_max = Math.max(1, maxLabel);
          nv.updateGLVolume();
        }
        nv.setSliceType(SLICE_TYPE.MULTIPLANAR);
        if (!cancelled) setState("ready");
      } catch (error) {
        if (!cancelled) {
          setState("failed");
          setMessage(error instanceof Error ? error.message : "The viewer could not start.");
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [url, dims, voxel, maxLabel]);
  return (
    <div>
      <canvas ref={canvas} className="h-80 w-full rounded-md border border-slate-200 bg-white" aria-label={label} role="img" />
      <p role="status" className="mt-1 text-sm text-slate-700">{state === "loading" ? "Loading the slices…" : state === "failed" ? message : "Drag to move through the volume; the three planes follow."}</p>
    </div>
  );
}
