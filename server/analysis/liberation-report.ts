// The 3-D and 2-D liberation spectra side by side, each class share with its
// bootstrap uncertainty: the form the analysis result and the passport report.
import { classifyGrains, spectrumFromClasses, type GrainSet, type LiberationClasses, type SpectrumClass } from "./liberation";
import { bootstrapClassShares, bootstrapMethod, uncertain, type BootstrapSettings, type Uncertain } from "./uncertainty";

export interface SpectrumClassReport extends Omit<SpectrumClass, "targetShare"> {
  /** Share of the target volume in this class, with uncertainty; null when there is no target. */
  targetShare: Uncertain | null;
}

export interface SpectrumReport {
  /** Target-bearing particles counted (3-D particles or section particles). */
  particles: number;
  /** Target voxels (3-D) or pixels (2-D) counted. */
  targetVoxels: number;
  classes: SpectrumClassReport[];
}

export interface LiberationComparison {
  threeD: SpectrumReport;
  twoD: SpectrumReport;
  /** Target share per class in 3-D and in 2-D, and 2-D minus 3-D (positive: sections overstate that class). */
  sideBySide: { class: string; share3D: number | null; share2D: number | null; difference: number | null }[];
}

export interface SpectrumSettings {
  classes: LiberationClasses;
  excludeEdge: boolean;
  bootstrap: BootstrapSettings;
}

export function spectrumReport(grains: GrainSet, settings: SpectrumSettings, kind: "3-D particles" | "section particles"): SpectrumReport {
  const { classes, excludeEdge, bootstrap } = settings;
  const classOf = classifyGrains(grains, classes, excludeEdge);
  const spectrum = spectrumFromClasses(classOf, grains.target, classes);
  const deviations = bootstrapClassShares(classOf, grains.target, classes.names.length, bootstrap);
  const method = bootstrapMethod(bootstrap, spectrum.particles, kind);
  return {
    particles: spectrum.particles,
    targetVoxels: spectrum.targetVoxels,
    classes: spectrum.classes.map((c, k) => ({
      ...c,
      targetShare: c.targetShare === null || deviations === null ? null : uncertain(c.targetShare, deviations[k]!, method),
    })),
  };
}

export function compareSpectra(threeD: GrainSet, twoD: GrainSet, settings: SpectrumSettings): LiberationComparison {
  const volumeReport = spectrumReport(threeD, settings, "3-D particles");
  const sectionReport = spectrumReport(twoD, settings, "section particles");
  return {
    threeD: volumeReport,
    twoD: sectionReport,
    sideBySide: settings.classes.names.map((name, k) => {
      const share3D = volumeReport.classes[k]!.targetShare?.value ?? null;
      const share2D = sectionReport.classes[k]!.targetShare?.value ?? null;
      return { class: name, share3D, share2D, difference: share3D === null || share2D === null ? null : share2D - share3D };
    }),
  };
}
