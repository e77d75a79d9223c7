// `npm run bench -- analysis`: the ore-analysis library (server/analysis) on
// synthetic particle beds of 256^3 and 512^3 voxels. Prints voxels per second
// for connected-component labelling (6 and 26) and for the whole analysis, the
// memory each takes, and, where SciPy is installed, scipy.ndimage.label on the
// same mask with the ratio between the two. No database, no app.
//
// Times are the best of BENCH_ANALYSIS_RUNS runs (wall clock and CPU) after a
// warm-up, so the JIT has compiled the kernels. SciPy is timed the same way
// inside Python, on a boolean mask built before its clock starts (ours reads the
// label bytes through the phase table and also counts component sizes); its
// runs alternate with ours so that both meet the same load on a shared machine.
// Memory is measured in a fresh Node process per step: its peak resident size
// above its resident size once the volume is loaded.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { analyseVolume } from "../server/analysis/analyse";
import { labelComponents } from "../server/analysis/components";
import { syntheticVolume } from "../server/analysis/synthetic";
import { compilePhases, type LabelVolume } from "../server/analysis/volume";
import type { BenchContext } from "./calendar";
import { seconds, thousands } from "./stats";

const say = (msg: string) => console.log(`\x1b[33m[bench]\x1b[0m ${msg}`);
const sizes = (process.env.BENCH_ANALYSIS_SIZES ?? "256,512").split(",").map(Number);
const runs = Number(process.env.BENCH_ANALYSIS_RUNS ?? 5);
const SEED = 2027;
const MB = 2 ** 20;
const CONNECTIVITIES = [6, 26] as const;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Best wall and best CPU time over `count` calls (possibly from different calls). */
function timeBest<T>(count: number, work: () => T): { timing: Timing; result: T } {
  const timing: Timing = { wallMs: Infinity, cpuMs: Infinity };
  let result: T | undefined;
  for (let run = 0; run < count; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    result = work();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    timing.wallMs = Math.min(timing.wallMs, wallMs);
    timing.cpuMs = Math.min(timing.cpuMs, (used.user + used.system) / 1000);
  }
  return { timing, result: result as T };
}

const analysisModule = (name: string) => pathToFileURL(path.join(import.meta.dirname, "../server/analysis", `${name}.ts`)).href;

/**
 * Run in a child Node process: load the raw volume, note the resident size, run
 * one step, report the peak above it. The peak is the address space's high-water
 * mark, VmHWM in /proc/self/status, where Linux has it: resourceUsage().maxRSS
 * would do elsewhere, but on Linux a child inherits its parent's maxRSS across
 * fork and exec, so a large parent would hide the child's own peak.
 */
const MEMORY_SCRIPT = `
import fs from "node:fs";
const { labelComponents } = await import(${JSON.stringify(analysisModule("components"))});
const { analyseVolume } = await import(${JSON.stringify(analysisModule("analyse"))});
const { SYNTHETIC_PHASES } = await import(${JSON.stringify(analysisModule("synthetic"))});
const { compilePhases } = await import(${JSON.stringify(analysisModule("volume"))});
const peakResident = () => {
  const status = fs.existsSync("/proc/self/status") ? fs.readFileSync("/proc/self/status", "utf8").match(/VmHWM:\\s+(\\d+) kB/) : null;
  return status ? Number(status[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
};
const [file, size, step] = process.argv.slice(1);
const n = Number(size);
const bytes = fs.readFileSync(file);
const volume = { data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), nx: n, ny: n, nz: n };
const solid = compilePhases(SYNTHETIC_PHASES).solid;
const rss = process.memoryUsage().rss;
const buffers = process.memoryUsage().arrayBuffers;
const kept = step === "analyse" ? analyseVolume(volume, SYNTHETIC_PHASES) : labelComponents(volume, { connectivity: Number(step), foreground: solid });
const peak = peakResident();
const retained = process.memoryUsage().arrayBuffers - buffers; // read while the result is still referenced below
console.log(JSON.stringify({ peakAboveMB: (peak - rss) / ${MB}, retainedMB: retained / ${MB}, components: "count" in kept ? kept.count : kept.particles.count }));
`;

interface MemoryUse {
  /** Peak resident memory during the step, above the process with its volume loaded. */
  peakAboveMB: number;
  /** ArrayBuffer memory the step's result holds (the label array for labelling). */
  retainedMB: number;
}

function measureMemory(file: string, n: number, step: "6" | "26" | "analyse"): MemoryUse {
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", MEMORY_SCRIPT, file, String(n), step], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`memory measurement (${step}, ${n}^3) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as MemoryUse;
}

/** One timed scipy.ndimage.label call per connectivity; the mask is built before the clock starts. */
const SCIPY_SCRIPT = `
import json, sys, time
import numpy as np
import scipy
from scipy import ndimage
path, n = sys.argv[1], int(sys.argv[2])
mask = np.fromfile(path, dtype=np.uint8).reshape(n, n, n) != 0
out = {"version": scipy.__version__}
for connectivity, rank in ((6, 1), (26, 3)):
    structure = ndimage.generate_binary_structure(3, rank)
    w, c = time.perf_counter(), time.process_time()
    labels, count = ndimage.label(mask, structure)
    out[str(connectivity)] = {"wallMs": (time.perf_counter() - w) * 1000, "cpuMs": (time.process_time() - c) * 1000, "count": int(count)}
    del labels
print(json.dumps(out))
`;

type ScipyRun = Record<"6" | "26", Timing & { count: number }> & { version: string };

/** Whether python3 can import scipy.ndimage; tries Debian's python3-scipy once if not. */
function scipyAvailable(): boolean {
  const check = () => spawnSync("python3", ["-c", "import scipy.ndimage"], { stdio: "ignore" }).status === 0;
  if (check()) return true;
  say("scipy.ndimage is not importable; trying apt-get install -y python3-scipy once…");
  spawnSync("apt-get", ["install", "-y", "python3-scipy"], { stdio: "ignore", timeout: 300_000 });
  return check();
}

/** scipy.ndimage.label on the non-zero voxels (pore is label 0 in the synthetic table: the particle mask ours labels). */
function runScipy(file: string, n: number): ScipyRun {
  const run = spawnSync("python3", ["-c", SCIPY_SCRIPT, file, String(n)], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`scipy run failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ScipyRun;
}

/** The faster of two timings (best wall and best CPU kept separately), with the rest of the newer one. */
function keepBest<T extends Timing>(kept: T | undefined, next: T): T {
  return kept ? { ...next, wallMs: Math.min(kept.wallMs, next.wallMs), cpuMs: Math.min(kept.cpuMs, next.cpuMs) } : next;
}

const rate = (voxels: number, ms: number) => `${(voxels / ms / 1000).toFixed(1)} Mvoxel/s`;
const perVoxel = (mb: number, voxels: number) => `${((mb * MB) / voxels).toFixed(2)} B/voxel`;

type OursTiming = Timing & { count: number; provisionalLabels: number };

/**
 * Labels the particle mask with 6 and 26 connectivity, into a new label array
 * and into a reused one, alternating with SciPy's runs so all meet the same
 * machine load; each keeps its best time. Appends the report lines.
 */
function compareLabelling(volume: LabelVolume, solid: Uint8Array, file: string, n: number, scipy: boolean, deadline: number, lines: string[]): object {
  const voxels = n ** 3;
  const reused = new Int32Array(voxels);
  const ours: Record<string, OursTiming> = {};
  const theirs: Record<string, Timing & { count: number }> = {};
  let scipyVersion: string | null = null;
  for (let run = 0; run < runs; run++) {
    for (const connectivity of CONNECTIVITIES) {
      for (const output of [undefined, reused]) {
        const timed = timeBest(1, () => labelComponents(volume, { connectivity, foreground: solid, output }));
        const key = `${connectivity}${output ? " reused" : ""}`;
        ours[key] = keepBest(ours[key], { ...timed.timing, count: timed.result.count, provisionalLabels: timed.result.provisionalLabels });
      }
    }
    if (scipy && Date.now() < deadline) {
      const scipyRun = runScipy(file, n);
      scipyVersion = scipyRun.version;
      for (const connectivity of CONNECTIVITIES) theirs[connectivity] = keepBest(theirs[connectivity], scipyRun[String(connectivity) as "6" | "26"]);
    }
  }
  const report: Record<string, unknown> = { scipyVersion };
  for (const connectivity of CONNECTIVITIES) {
    const fresh = ours[connectivity]!;
    const reuse = ours[`${connectivity} reused`]!;
    const scipyBest = theirs[connectivity];
    const memory = measureMemory(file, n, String(connectivity) as "6" | "26");
    const speed = (t: Timing) => `${rate(voxels, t.wallMs)} wall (${seconds(t.wallMs)}), ${rate(voxels, t.cpuMs)} CPU`;
    say(`  label ${connectivity}: ${thousands(fresh.count)} components, ${rate(voxels, fresh.wallMs)} wall (new label array), ${rate(voxels, reuse.wallMs)} (reused).`);
    lines.push(
      `  label ${String(connectivity).padStart(2)}  ours, new label array     ${speed(fresh)}; ${thousands(fresh.count)} components`,
      `            ours, label array reused  ${speed(reuse)}`,
    );
    if (scipyBest) {
      const ratio = (t: Timing) => `${(scipyBest.wallMs / t.wallMs).toFixed(2)} wall, ${(scipyBest.cpuMs / t.cpuMs).toFixed(2)} CPU`;
      lines.push(
        `            scipy.ndimage.label       ${speed(scipyBest)}; ${scipyBest.count === fresh.count ? "same component count" : `COMPONENT COUNT DIFFERS: ${thousands(scipyBest.count)}`}`,
        `            ours/scipy throughput: new array ${ratio(fresh)}; reused array ${ratio(reuse)} (above 1: ours faster)`,
      );
    }
    lines.push(
      `            memory: peak +${memory.peakAboveMB.toFixed(0)} MB over the loaded volume (${perVoxel(memory.peakAboveMB, voxels)}); ` +
        `label array ${memory.retainedMB.toFixed(0)} MB (${perVoxel(memory.retainedMB, voxels)}); union-find ${thousands(fresh.provisionalLabels)} entries (${((4 * fresh.provisionalLabels) / MB).toFixed(2)} MB)`,
    );
    report[connectivity] = { fresh, reused: reuse, scipy: scipyBest ?? null, memory };
  }
  return report;
}

/** The kernel's transparent-huge-page mode: with "madvise", NumPy gets huge pages for its arrays and V8 does not. */
function hugePages(): string {
  try {
    return /\[(\w+)\]/.exec(fs.readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8"))?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}

export async function analysisBenchmark({ deadline, onStop }: BenchContext): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lodestone-analysis-bench-"));
  onStop(async () => fs.rmSync(directory, { recursive: true, force: true }));
  const scipy = scipyAvailable();
  say(scipy ? "scipy.ndimage found: labelling is compared with scipy.ndimage.label on the same mask." : "SciPy is not available (python3 -c 'import scipy.ndimage' fails): printing our figures only.");

  // Warm-up: the kernels compiled before anything is timed.
  const small = syntheticVolume({ nx: 64, ny: 64, nz: 64, seed: SEED });
  for (let i = 0; i < 10; i++) for (const connectivity of CONNECTIVITIES) labelComponents(small.volume, { connectivity });
  analyseVolume(small.volume, small.phases);

  const lines: string[] = [];
  const results: object[] = [];
  for (const n of sizes) {
    if (Date.now() > deadline) {
      say(`Time limit near: skipping ${n}^3.`);
      break;
    }
    const voxels = n ** 3;
    say(`Generating a ${n}^3 synthetic particle bed (seed ${SEED})…`);
    const generated = timeBest(1, () => syntheticVolume({ nx: n, ny: n, nz: n, seed: SEED }));
    const { volume, phases, particlesPlaced, porosity } = generated.result;
    say(`  ${thousands(particlesPlaced)} particles, porosity ${porosity.toFixed(3)}, in ${seconds(generated.timing.wallMs)}.`);
    const file = path.join(directory, `bed-${n}.raw`);
    fs.writeFileSync(file, volume.data);
    const solid = compilePhases(phases).solid;

    lines.push(`${n}^3: ${thousands(voxels)} voxels (volume ${(voxels / MB).toFixed(0)} MB), ${thousands(particlesPlaced)} particles, porosity ${porosity.toFixed(3)}`);
    const labelling = compareLabelling(volume, solid, file, n, scipy, deadline, lines);
    say(`  Full analysis of ${n}^3 (porosity, octants, particles, 3-D and 2-D spectra, bootstrap)…`);
    const analysis = timeBest(1, () => analyseVolume(volume, phases)).timing;
    const analysisMemory = measureMemory(file, n, "analyse");
    lines.push(
      `  analysis    ${rate(voxels, analysis.wallMs)} wall (${seconds(analysis.wallMs)}), ${rate(voxels, analysis.cpuMs)} CPU; ` +
        `memory: peak +${analysisMemory.peakAboveMB.toFixed(0)} MB over the loaded volume (${perVoxel(analysisMemory.peakAboveMB, voxels)})`,
    );
    results.push({ n, voxels, particlesPlaced, porosity, generateMs: generated.timing.wallMs, labelling, analysis, analysisMemory });
    fs.rmSync(file, { force: true });
  }

  const machine = `${os.availableParallelism()} CPUs (${os.cpus()[0]?.model.trim() ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`;
  console.log(
    [
      "",
      "==================== Lodestone ore-analysis benchmark ====================",
      `Machine      ${machine}`,
      `Method       best of ${runs} runs after warm-up, particle mask (non-pore voxels) of a seeded synthetic bed; ${scipy ? "SciPy timed inside Python on a prebuilt boolean mask" : "SciPy not available: our figures only"}`,
      `Huge pages   transparent huge pages "${hugePages()}"${hugePages() === "madvise" ? ": NumPy asks for them on large arrays and V8 does not, so a new label array costs us a 4 KiB page fault per page that SciPy mostly avoids; the reused-array figure is the algorithm alone" : ""}`,
      ...lines,
      "==========================================================================",
    ].join("\n"),
  );
  const dir = path.join(import.meta.dirname, ".results");
  fs.mkdirSync(dir, { recursive: true });
  const saved = path.join(dir, `analysis-${new Date().toISOString().replaceAll(":", "-").slice(0, 19)}.json`);
  fs.writeFileSync(saved, `${JSON.stringify({ at: new Date().toISOString(), machine, runs, results }, null, 2)}\n`);
  say(`Results saved to ${path.relative(process.cwd(), saved)}.`);
}
