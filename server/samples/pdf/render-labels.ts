import { renderToBuffer, type DocumentProps } from "@react-pdf/renderer";
import QRCode from "qrcode";
import { createElement, type ReactElement } from "react";
import type { Actor } from "../../access/actor";
import type { Db } from "../../db";
import { notFound } from "../../errors";
import { registerPdfFonts } from "../../pdf/fonts";
import { loadSampleRequest } from "../load";
import { hazardLabels } from "../schemas";
import { LabelsDocument, type LabelData } from "./labels-document";

const qr = (code: string) => QRCode.toDataURL(code, { errorCorrectionLevel: "M", margin: 1, width: 330 });

/** Labels for a shipment: one per container (what it holds, where it goes) and one per sample. */
export async function renderShipmentLabels(db: Db, actor: Actor, shipmentId: string) {
  const shipment = await db.shipment.findUnique({ where: { id: shipmentId }, include: { facility: true, containers: { include: { samples: true }, orderBy: { code: "asc" } } } });
  if (!shipment) throw notFound("The shipment");
  const { request } = await loadSampleRequest(db, actor, shipment.requestId).catch(() => {
    throw notFound("The shipment");
  });
  const labels: LabelData[] = [];
  for (const c of shipment.containers) {
    labels.push({
      code: c.code,
      qr: await qr(c.code),
      title: `${c.label} · ${shipment.reference}`,
      lines: [`To: ${shipment.facility.name}, ${shipment.facility.city}`, `From: ${request.organisation.name}`, `For: ${request.reference}`, `Holds ${c.samples.length} sample${c.samples.length === 1 ? "" : "s"}: ${c.samples.map((s) => s.code).join(", ")}`],
      warning: shipment.dangerousGoods ? `Dangerous goods ${shipment.unNumber}` : null,
    });
    for (const s of c.samples) {
      labels.push({
        code: s.code,
        qr: await qr(s.code),
        title: s.name,
        lines: [`${request.reference} · ${request.organisation.name}`, s.massGrams ? `${s.massGrams.toString()} g` : `${s.volumeMl?.toString()} ml`, `In ${c.label} (${c.code})`],
        warning: s.hazards.length ? s.hazards.map((h) => hazardLabels[h]).join(", ") + (s.activityBq ? ` · ${s.activityBq.toString()} Bq` : "") : null,
      });
    }
  }
  registerPdfFonts();
  const pdf = await renderToBuffer(createElement(LabelsDocument, { title: `Labels for ${shipment.reference}`, labels }) as unknown as ReactElement<DocumentProps>);
  return { pdf, filename: `${shipment.reference}-labels.pdf` };
}
