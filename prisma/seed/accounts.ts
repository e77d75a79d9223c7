// The demo world's people: one sign-in per account, all with the same
// password. Organisation names must match the organisations in ./world.ts.
import type { Role } from "../../server/generated/prisma/enums";
import { roleLabels } from "../../server/organisations/roles";

/** Shared password for every demo account (development and demos only). */
export const demoPassword = "lodestone-demo-2027";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Organisation.name of the organisation the role is held in. */
  organisation: string;
  /** What the account is for in a demo. */
  note: string;
}

/** Organisation names used by the accounts and the world; kept in one place so they cannot drift. */
export const demoOrganisationNames = {
  lithiumExplorer: "Okement Lithium Exploration Ltd",
  tailingsReprocessor: "Cassiter Tailings Recovery Ltd",
  blackMassRecycler: "Lindqvist Cell Recovery AB",
  dleSorbents: "Brinewell Sorbents Ltd",
  rareEarthConsultancy: "Lanthan Geoscience ApS",
  midTierMiner: "Caledon Hardrock Mining plc",
  academicLab: "Westcountry University Ore Characterisation Laboratory",
  synchrotron: "Severn Light Source",
  labCt: "Erzgebirge Core Imaging Centre",
  funder: "Critical Materials Innovation Trust",
  operator: "Lodestone Platform Operations",
  panelChairUniversity: "Cambrian School of Earth Sciences",
  panelMemberInstitute: "Nordic Mineral Imaging Institute",
} as const;

const o = demoOrganisationNames;

/** In display order; the first account of each role is that role's demo user. */
export const demoAccounts: DemoAccount[] = [
  // ---- SME and industrial applicants
  {
    email: "amara.okafor@okement-lithium.example",
    name: "Amara Okafor",
    role: "APPLICANT",
    organisation: o.lithiumExplorer,
    note: "Primary demo SME user: exploration geologist requesting SME industrial access for petalite-lepidolite pegmatite drill core.",
  },
  {
    email: "kerenza.trewin@cassiter-tailings.example",
    name: "Kerenza Trewin",
    role: "APPLICANT",
    organisation: o.tailingsReprocessor,
    note: "Process metallurgist at a tin-tungsten tailings reprocessor; requests micro-CT of historic tailings cores.",
  },
  {
    email: "sofia.bergqvist@lindqvist-cell.example",
    name: "Sofia Bergqvist",
    role: "APPLICANT",
    organisation: o.blackMassRecycler,
    note: "R&D lead at a black-mass recycler; requests nano-CT and XRF-CT of shredded NMC and LFP black mass.",
  },
  {
    email: "priya.natarajan@brinewell-sorbents.example",
    name: "Priya Natarajan",
    role: "APPLICANT",
    organisation: o.dleSorbents,
    note: "Materials chemist at a DLE sorbent maker; proprietary access to image sorbent beads after brine cycling.",
  },
  {
    email: "mikkel.sorensen@lanthan-geoscience.example",
    name: "Mikkel Sørensen",
    role: "APPLICANT",
    organisation: o.rareEarthConsultancy,
    note: "Principal consultant at a rare-earth consultancy; mail-in XRF-CT of eudialyte and bastnäsite ore for a client.",
  },
  {
    email: "fiona.macleod@caledon-hardrock.example",
    name: "Fiona MacLeod",
    role: "APPLICANT",
    organisation: o.midTierMiner,
    note: "Geometallurgist at a mid-tier miner (1,200 staff): not an SME, so quoted full cost recovery rates.",
  },
  {
    email: "helen.tregear@westcountry-university.example",
    name: "Dr Helen Tregear",
    role: "APPLICANT",
    organisation: o.academicLab,
    note: "Academic applicant: senior lecturer proposing non-proprietary (peer-reviewed, publish within the embargo) beamtime. Also sits on the Severn Light Source review panel for 2027-1 (member), so she cannot grade her own laboratory's requests.",
  },

  // ---- consortia
  {
    email: "jory.penhaligon@cassiter-tailings.example",
    name: "Jory Penhaligon",
    role: "CONSORTIUM_LEAD",
    organisation: o.tailingsReprocessor,
    note: "Lead of the Cornubian Critical Minerals Imaging Consortium: holds the block allocation and splits shifts among members.",
  },
  {
    email: "anders.holm@lindqvist-cell.example",
    name: "Anders Holm",
    role: "CONSORTIUM_LEAD",
    organisation: o.blackMassRecycler,
    note: "Lead of the European Black-Mass Characterisation Consortium.",
  },
  {
    email: "ben.carthew@okement-lithium.example",
    name: "Ben Carthew",
    role: "CONSORTIUM_MEMBER",
    organisation: o.lithiumExplorer,
    note: "Books pegmatite scans inside Okement's share of the Cornubian consortium block.",
  },
  {
    email: "tomasz.wojcik@brinewell-sorbents.example",
    name: "Tomasz Wójcik",
    role: "CONSORTIUM_MEMBER",
    organisation: o.dleSorbents,
    note: "Books sorbent scans inside Brinewell's share of the Cornubian consortium block.",
  },
  {
    email: "samuel.adeyemi@westcountry-university.example",
    name: "Dr Samuel Adeyemi",
    role: "CONSORTIUM_MEMBER",
    organisation: o.academicLab,
    note: "Postdoctoral researcher; the university is a member of both consortia.",
  },
  {
    email: "isla.murray@caledon-hardrock.example",
    name: "Isla Murray",
    role: "CONSORTIUM_MEMBER",
    organisation: o.midTierMiner,
    note: "Books inside Caledon's share of the black-mass consortium block.",
  },
  {
    email: "freja.dahl@lanthan-geoscience.example",
    name: "Freja Dahl",
    role: "CONSORTIUM_MEMBER",
    organisation: o.rareEarthConsultancy,
    note: "Books NdFeB magnet-swarf scans inside Lanthan's share of the black-mass consortium block.",
  },

  // ---- facilities
  {
    email: "owain.rees@severn-light-source.example",
    name: "Dr Owain Rees",
    role: "FACILITY_STAFF",
    organisation: o.synchrotron,
    note: "Beamline scientist on S07 micro-CT: feasibility and safety review, run logbook.",
  },
  {
    email: "megan.hartley@severn-light-source.example",
    name: "Megan Hartley",
    role: "FACILITY_STAFF",
    organisation: o.synchrotron,
    note: "User office: sample receipt, shipping and agreements.",
  },
  {
    email: "rachel.whitcombe@severn-light-source.example",
    name: "Dr Rachel Whitcombe",
    role: "FACILITY_ADMIN",
    organisation: o.synchrotron,
    note: "Head of industrial liaison: endstations, cycles, maintenance windows, staff.",
  },
  {
    email: "katrin.vogel@erzgebirge-ct.example",
    name: "Dr Katrin Vogel",
    role: "FACILITY_STAFF",
    organisation: o.labCt,
    note: "CT scientist running the lab scanners and the reconstruction pipeline.",
  },
  {
    email: "jonas.albrecht@erzgebirge-ct.example",
    name: "Dr Jonas Albrecht",
    role: "FACILITY_ADMIN",
    organisation: o.labCt,
    note: "Lab-CT centre manager: scanners, 4-hour blocks, staff.",
  },

  // ---- funder and platform
  {
    email: "gareth.llewellyn@cmi-trust.example",
    name: "Gareth Llewellyn",
    role: "FUNDER",
    organisation: o.funder,
    note: "Programme officer for the Digital Ore Translational Demonstrators programme.",
  },
  {
    email: "niamh.gallagher@lodestone-platform.example",
    name: "Niamh Gallagher",
    role: "PLATFORM_ADMIN",
    organisation: o.operator,
    note: "Platform admin: organisations, rate cards, agreement templates, users and roles.",
  },

  // ---- review panel (after the role demo users, so demoAccountFor("APPLICANT") is still Amara Okafor)
  {
    email: "aled.pryce@cambrian-earth.example",
    name: "Prof. Aled Pryce",
    role: "APPLICANT",
    organisation: o.panelChairUniversity,
    note: "Chair of the Severn Light Source review panel for 2027-1: sees every grade and the ranking, and allocates shifts to peer-reviewed requests.",
  },
  {
    email: "ingrid.solberg@nordic-mineral-imaging.example",
    name: "Dr Ingrid Solberg",
    role: "APPLICANT",
    organisation: o.panelMemberInstitute,
    note: "Member of the Severn Light Source review panel for 2027-1: grades peer-reviewed requests (1 outstanding to 5 not recommended).",
  },
];

/** The first (demo) account holding `role`. */
export function demoAccountFor(role: Role): DemoAccount {
  const account = demoAccounts.find((a) => a.role === role);
  if (!account) throw new Error(`No demo account has the role ${role}`);
  return account;
}

/** The accounts as a plain-text table, for the terminal (demo and seed print it). */
export function demoAccountsTable(): string {
  const rows = demoAccounts.map((a) => [a.email, roleLabels[a.role], a.organisation]);
  const header = ["Email", "Role", "Organisation"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [`Demo accounts (password for all: ${demoPassword})`, "", line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), ""].join("\n");
}
