// Agreement templates (one per kind, version 1), authorised signatories for
// the demo organisations, and a signed agreement for each approved demo
// request (Lanthan, Cassiter's pilot, Okement's OK-17 run) so its beamtime
// can be confirmed on the calendar; CORNUBIA's signed consortium agreement.
import { agreementValuesFor, blockAgreementValues } from "../../server/agreements/agreement-values";
import { documentHash, renderAgreement } from "../../server/agreements/render-agreement";
import { agreementKindFor } from "../../server/agreements/send-agreement";
import type { Tx } from "../../server/db";
import type { AgreementKind, DataAccessTier } from "../../server/generated/prisma/enums";
import type { DemoTimeline } from "./timeline";

const custody =
  "{{applicant}} remains the owner of every sample it sends. {{facility}} holds the samples in its custody from receipt to return or disposal, records every move in the custody chain, handles them under the safety conditions of the review, and returns or disposes of them as the sample registry says. Hazardous samples travel only with their declarations.";

export const demoTemplates: { kind: AgreementKind; title: string; tier: DataAccessTier; embargoMonths: number | null; licence: string | null; body: string }[] = [
  {
    kind: "PROPRIETARY_INDUSTRIAL",
    title: "Proprietary industrial access agreement",
    tier: "PROPRIETARY",
    embargoMonths: null,
    licence: null,
    body: "This agreement between {{parties}} covers request {{reference}}, “{{title}}”: {{shifts}} on {{endstations}}, at {{price}}.\n\nThe data and results belong to {{applicant}}. {{facility}} keeps them confidential, shows them to no one outside the experiment team and its own staff, and publishes nothing about them. Embargo: {{embargoPeriod}}. Licence: {{licence}}. Made on {{date}}.",
  },
  {
    kind: "SME_INDUSTRIAL",
    title: "SME industrial access agreement",
    tier: "PROPRIETARY",
    embargoMonths: null,
    licence: null,
    body: "This agreement between {{parties}} covers request {{reference}}, “{{title}}”: {{shifts}} on {{endstations}}, at {{price}}, subsidised for SMEs.\n\nThe data and results belong to {{applicant}}, and {{facility}} keeps them confidential. As a condition of the subsidy, {{applicant}} reports the outcome of the experiment in anonymised form to the programme's funder within six months. Embargo: {{embargoPeriod}}. Licence: {{licence}}. Made on {{date}}.",
  },
  {
    kind: "NON_PROPRIETARY",
    title: "Non-proprietary access agreement",
    tier: "PUBLIC",
    embargoMonths: 36,
    licence: "CC-BY-4.0",
    body: "This agreement between {{parties}} covers request {{reference}}, “{{title}}”: {{shifts}} on {{endstations}}, at {{price}}.\n\nThe data stay with the team and the facility during the embargo ({{embargoPeriod}}), then are published with their Digital Ore Passport under {{licence}}. The team publishes its results and acknowledges {{facility}}. Made on {{date}}.",
  },
  {
    kind: "CONSORTIUM",
    title: "Consortium block agreement",
    tier: "CONSORTIUM",
    embargoMonths: null,
    licence: null,
    body: "This agreement between {{parties}} covers the consortium's block time: {{shifts}} on {{endstations}}.\n\nBackground IP stays with its owner. Foreground IP and data are shared among the members as they agree in writing; each member's ore data stay confidential to that member unless it releases them. The lead shares the block's time among the members. Made on {{date}}.",
  },
];

/** "26": the two-digit year references carry. */
const yearOf = (at: Date) => String(at.getUTCFullYear()).slice(2);

export async function seedAgreements(tx: Tx, t: DemoTimeline, userIds: Map<string, string>, log: (msg: string) => void = () => {}): Promise<void> {
  const admin = userIds.get("niamh.gallagher@lodestone-platform.example")!;
  for (const t of demoTemplates) {
    // Platform-wide templates, kept by the platform admin; facilities may write their own.
    const exists = await tx.agreementTemplate.findFirst({ where: { kind: t.kind, facilityId: null, version: 1 }, select: { id: true } });
    if (!exists) await tx.agreementTemplate.create({ data: { kind: t.kind, version: 1, title: t.title, body: t.body, custodyClause: custody, dataAccessTier: t.tier, embargoMonths: t.embargoMonths, licence: t.licence, createdById: admin } });
  }

  // Who signs for whom: the SME applicants, the consortium leads and the facility admins.
  const signatories = [
    "amara.okafor@okement-lithium.example",
    "kerenza.trewin@cassiter-tailings.example",
    "sofia.bergqvist@lindqvist-cell.example",
    "priya.natarajan@brinewell-sorbents.example",
    "mikkel.sorensen@lanthan-geoscience.example",
    "fiona.macleod@caledon-hardrock.example",
    "helen.tregear@westcountry-university.example",
    "jory.penhaligon@cassiter-tailings.example",
    "anders.holm@lindqvist-cell.example",
    "rachel.whitcombe@severn-light-source.example",
    "jonas.albrecht@erzgebirge-ct.example",
  ];
  await tx.membership.updateMany({ where: { userId: { in: signatories.map((e) => userIds.get(e)!).filter(Boolean) } }, data: { authorisedSignatory: true } });

  await seedCornubiaAgreement(tx, t, userIds);

  // The approved requests' agreements, signed by both parties.
  let created = 0;
  for (const seed of demoRequestAgreements) if (await seedRequestAgreement(tx, t, userIds, seed)) created++;
  log(`Agreement templates, signatories, CORNUBIA's agreement and ${demoRequestAgreements.length} signed request agreements (${created} created now)`);
}

interface RequestAgreementSeed {
  requestId: string;
  /** The reference's number: AGR-yy-09nn keeps clear of the portal's own numbers. */
  number: number;
  /** As drawn (UTC), moved like everything around today. */
  sentAt: string;
  signedAt: string;
  applicant: [email: string, typedName: string];
  ip: string;
}

/** Approved requests with a signed agreement, so their beamtime can be confirmed. */
const demoRequestAgreements: RequestAgreementSeed[] = [
  { requestId: "demo-request-lanthan-ree-xrfct", number: 900, sentAt: "2026-11-20T15:00:00Z", signedAt: "2026-11-21T10:00:00Z", applicant: ["mikkel.sorensen@lanthan-geoscience.example", "Mikkel Sørensen"], ip: "198.51.100.20" },
  { requestId: "demo-request-cassiter-dam-cores-pilot", number: 902, sentAt: "2026-10-05T09:30:00Z", signedAt: "2026-10-07T11:15:00Z", applicant: ["kerenza.trewin@cassiter-tailings.example", "Kerenza Trewin"], ip: "198.51.100.41" },
  { requestId: "demo-request-okement-spodumene-run", number: 903, sentAt: "2026-11-09T10:00:00Z", signedAt: "2026-11-11T15:30:00Z", applicant: ["amara.okafor@okement-lithium.example", "Amara Okafor"], ip: "198.51.100.52" },
];

/** One approved request's agreement, from the platform template of its route's kind, signed by the applicant and the facility; only when it has none. */
async function seedRequestAgreement(tx: Tx, t: DemoTimeline, userIds: Map<string, string>, seed: RequestAgreementSeed): Promise<boolean> {
  const request = await tx.accessRequest.findUnique({ where: { id: seed.requestId }, include: { facility: true, organisation: true, route: true, endstations: { include: { endstation: true } } } });
  if (!request || (await tx.agreement.findFirst({ where: { requestId: request.id } }))) return false;
  const template = await tx.agreementTemplate.findFirstOrThrow({ where: { kind: agreementKindFor[request.route.kind], facilityId: null, version: 1 } });
  const sentAt = t.aroundTodayAt(seed.sentAt);
  const values = agreementValuesFor(request, template, sentAt);
  const text = renderAgreement(template, values);
  const hash = documentHash(text);
  const signedAt = t.aroundTodayAt(seed.signedAt);
  const signed = (email: string, name: string) => ({ state: "SIGNED" as const, signedById: userIds.get(email)!, typedName: name, signedAt, documentHash: hash, ip: seed.ip, userAgent: "seed" });
  await tx.agreement.create({
    data: {
      reference: `AGR-${yearOf(sentAt)}-${String(seed.number).padStart(4, "0")}`,
      templateId: template.id,
      requestId: request.id,
      state: "SIGNED",
      variables: values,
      renderedText: text,
      documentHash: hash,
      dataAccessTier: template.dataAccessTier,
      sentAt,
      completedAt: signedAt,
      createdById: userIds.get("rachel.whitcombe@severn-light-source.example")!,
      signatories: {
        create: [
          { organisationId: request.organisationId, party: "APPLICANT", ...signed(...seed.applicant) },
          { organisationId: request.facility.organisationId, party: "FACILITY", ...signed("rachel.whitcombe@severn-light-source.example", "Dr Rachel Whitcombe") },
        ],
      },
    },
  });
  return true;
}

/** CORNUBIA's consortium agreement for its S07 block, signed by its four members and the facility, so members can book sessions. */
async function seedCornubiaAgreement(tx: Tx, t: DemoTimeline, userIds: Map<string, string>) {
  const blockId = "demo-block-cornubia-sls-s07";
  if (await tx.agreement.findFirst({ where: { blockId } })) return;
  const block = await tx.blockAllocation.findUniqueOrThrow({
    where: { id: blockId },
    include: { consortium: { include: { members: { include: { organisation: true }, orderBy: { joinedAt: "asc" } } } }, endstation: { include: { facility: true } } },
  });
  const template = await tx.agreementTemplate.findFirstOrThrow({ where: { kind: "CONSORTIUM", facilityId: null, version: 1 } });
  const sentAt = t.aroundTodayAt("2026-11-20T16:00:00Z");
  const text = renderAgreement(template, blockAgreementValues(block, template, sentAt));
  const hash = documentHash(text);
  const signers: Record<string, [string, string]> = {
    "Cassiter Tailings Recovery Ltd": ["jory.penhaligon@cassiter-tailings.example", "Jory Penhaligon"],
    "Okement Lithium Exploration Ltd": ["amara.okafor@okement-lithium.example", "Amara Okafor"],
    "Brinewell Sorbents Ltd": ["priya.natarajan@brinewell-sorbents.example", "Priya Natarajan"],
    "Westcountry University Ore Characterisation Laboratory": ["helen.tregear@westcountry-university.example", "Dr Helen Tregear"],
  };
  const sign = (email: string, typedName: string, day: number) => ({ state: "SIGNED" as const, signedById: userIds.get(email)!, typedName, signedAt: t.aroundTodayAt(`2026-11-${21 + day}T10:00:00Z`), documentHash: hash, ip: "198.51.100.30", userAgent: "seed" });
  await tx.agreement.create({
    data: {
      reference: `AGR-${yearOf(sentAt)}-0901`,
      templateId: template.id,
      blockId,
      consortiumId: block.consortiumId,
      state: "SIGNED",
      variables: blockAgreementValues(block, template, sentAt),
      renderedText: text,
      documentHash: hash,
      dataAccessTier: template.dataAccessTier,
      sentAt,
      completedAt: t.aroundTodayAt("2026-11-25T10:00:00Z"),
      createdById: userIds.get("jory.penhaligon@cassiter-tailings.example")!,
      signatories: {
        create: [
          ...block.consortium.members.map((m, i) => {
            const signer = signers[m.organisation.name];
            if (!signer) throw new Error(`Demo world: no signatory for CORNUBIA member ${m.organisation.name}`);
            return { organisationId: m.organisationId, party: "CONSORTIUM_MEMBER" as const, ...sign(signer[0], signer[1], i) };
          }),
          { organisationId: block.endstation.facility.organisationId, party: "FACILITY" as const, ...sign("rachel.whitcombe@severn-light-source.example", "Dr Rachel Whitcombe", 4) },
        ],
      },
    },
  });
}
