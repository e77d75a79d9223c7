/** Colour, pattern and words for each kind of calendar entry: colour is never the only signal. */
export const kindStyles = {
  INDUSTRIAL: { label: "Industrial", className: "bg-blue-100 text-blue-900 border-blue-400", pattern: "" },
  NON_PROPRIETARY: { label: "Peer-reviewed", className: "bg-emerald-100 text-emerald-900 border-emerald-500", pattern: "bg-[radial-gradient(rgba(4,120,87,0.25)_1px,transparent_1px)] bg-[length:6px_6px]" },
  BLOCK: { label: "Consortium block", className: "bg-violet-100 text-violet-900 border-violet-400", pattern: "bg-[repeating-linear-gradient(45deg,transparent,transparent_6px,rgba(109,40,217,0.12)_6px,rgba(109,40,217,0.12)_12px)]" },
  MAINTENANCE: { label: "Maintenance", className: "bg-amber-100 text-amber-900 border-amber-400", pattern: "bg-[repeating-linear-gradient(-45deg,transparent,transparent_6px,rgba(180,83,9,0.15)_6px,rgba(180,83,9,0.15)_12px)]" },
  MACHINE_DEVELOPMENT: { label: "Machine development", className: "bg-slate-200 text-slate-900 border-slate-400", pattern: "bg-[repeating-linear-gradient(90deg,transparent,transparent_6px,rgba(51,65,85,0.15)_6px,rgba(51,65,85,0.15)_12px)]" },
  SHUTDOWN: { label: "Shutdown", className: "bg-red-100 text-red-900 border-red-400", pattern: "bg-[repeating-linear-gradient(0deg,transparent,transparent_6px,rgba(185,28,28,0.12)_6px,rgba(185,28,28,0.12)_12px)]" },
} as const;
export type KindKey = keyof typeof kindStyles;
