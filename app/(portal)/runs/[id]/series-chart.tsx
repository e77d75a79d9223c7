"use client";

import { useEffect, useRef, useState } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

interface ChartSeries { id: string; key: string; kind: string; unit: string; method: string; referenceElectrode: string | null; points: [number, number | null][]; belowDetection: number; total: number; downsampled: boolean }
interface Marker { id: string; startTime: number; endTime: number | null; technique: string }

const unitLabel = (unit: string) => unit.replace("Cel", "°C").replace("[pH]", "pH").replace(/^u/, "µ");

/**
 * Each series of the run against time, one small chart per quantity (uPlot),
 * with the scans drawn as bands on the same axis. The server down-samples to
 * about 1,500 points per series keeping peaks, so a million-point series
 * draws at once.
 */
export function SeriesCharts({ runId, version }: { runId: string; version: number }) {
  const [data, setData] = useState<{ series: ChartSeries[]; scans: Marker[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch(`/api/runs/${runId}/series?maxPoints=1500`)
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error((body as { error?: string }).error ?? "The series could not be loaded.");
        if (!cancelled) setData(body as { series: ChartSeries[]; scans: Marker[] });
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : "The series could not be loaded."));
    return () => {
      cancelled = true;
    };
  }, [runId, version]);
  if (error) return <p role="alert" className="text-sm text-red-700">{error}</p>;
  if (!data) return <p role="status" className="text-sm text-slate-700">Loading the series…</p>;
  if (data.series.length === 0) return null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {data.series.map((s) => <OneChart key={s.id} series={s} scans={data.scans} />)}
    </div>
  );
}

function OneChart({ series, scans }: { series: ChartSeries; scans: Marker[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    let chart: uPlot | undefined;
    let cancelled = false;
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled || !box.current) return;
      const xs = series.points.map((p) => p[0] / 1000);
      const ys = series.points.map((p) => p[1]);
      const bands: uPlot.Plugin = {
        hooks: {
          draw: [
            (u) => {
              const { ctx } = u;
              ctx.save();
              ctx.fillStyle = "rgba(29, 78, 216, 0.12)";
              for (const scan of scans) {
                const left = u.valToPos(scan.startTime / 1000, "x", true);
                const right = u.valToPos((scan.endTime ?? scan.startTime + 60_000) / 1000, "x", true);
                ctx.fillRect(left, u.bbox.top, Math.max(2, right - left), u.bbox.height);
              }
              ctx.restore();
            },
          ],
        },
      };
      chart = new UPlot(
        { width: box.current.clientWidth, height: 170, plugins: [bands], legend: { show: false }, scales: { x: { time: true } }, series: [{}, { label: series.key, stroke: "#1d4ed8", width: 1.5, spanGaps: false }], axes: [{}, { label: unitLabel(series.unit), size: 60 }] },
        [xs, ys],
        box.current,
      );
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [series, scans]);
  return (
    <figure>
      <figcaption className="text-sm font-medium text-slate-900">
        {series.key} ({unitLabel(series.unit)}){series.method ? ` · ${series.method}` : ""}{series.referenceElectrode ? ` · vs SHE (measured against ${series.referenceElectrode})` : ""}
        <span className="block text-xs font-normal text-slate-600">{series.total.toLocaleString("en-GB")} points{series.downsampled ? `, drawn as ${series.points.length.toLocaleString("en-GB")}` : ""}{series.belowDetection ? ` · ${series.belowDetection} below detection (not drawn)` : ""} · scans shaded</span>
      </figcaption>
      <div ref={box} role="img" aria-label={`${series.key} against time, with the run's scans shaded`} />
    </figure>
  );
}
