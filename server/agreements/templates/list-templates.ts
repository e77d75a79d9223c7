import type { Db } from "../../db";
import { agreementKinds } from "../schemas";

/** Every kind with its versions, newest first, and how many agreements each version made (and how many still wait). */
export async function listTemplates(db: Db) {
  const templates = await db.agreementTemplate.findMany({ orderBy: [{ kind: "asc" }, { version: "desc" }], include: { _count: { select: { agreements: true } } } });
  const waiting = await db.agreement.groupBy({ by: ["templateId"], where: { state: "AWAITING_SIGNATURES" }, _count: true });
  const authors = await db.user.findMany({ where: { id: { in: [...new Set(templates.map((t) => t.createdById))] } }, select: { id: true, name: true } });
  return agreementKinds.map((kind) => ({
    kind,
    versions: templates
      .filter((t) => t.kind === kind)
      .map((t) => ({ ...t, agreements: t._count.agreements, awaiting: waiting.find((w) => w.templateId === t.id)?._count ?? 0, author: authors.find((a) => a.id === t.createdById)?.name ?? "unknown" })),
  }));
}
