import type { listFacilities } from "@/server/facilities/read-facilities";
import { formatFacilityDate } from "@/server/time";
import { facilityKindLabels, techniqueLabels } from "../_lib/labels";
import { Badge, Card } from "./ui";

type Facilities = Awaited<ReturnType<typeof listFacilities>>;

export function FacilityCatalogue({ facilities }: { facilities: Facilities }) {
  return (
    <div className="space-y-6">
      {facilities.map((f) => (
        <Card key={f.id} title={f.name} id={`catalogue-${f.code}`} actions={<Badge tone="info">{facilityKindLabels[f.kind]}</Badge>}>
          <p className="text-sm text-slate-700">{f.city}, {f.country} · times shown in {f.timeZone}</p>
          <ul className="mt-3 grid gap-3 md:grid-cols-2 lg:grid-cols-3">
            {f.endstations.map((e) => (
              <li key={e.id} className="rounded-md border border-slate-200 p-3">
                <p className="font-medium text-slate-900">{e.name}</p>
                <p className="text-xs text-slate-600">{e.code} · {techniqueLabels[e.technique]} · {e.shiftHours}-hour shifts{e.minVoxelUm ? ` · voxel from ${e.minVoxelUm.toString()} µm` : ""}{e.maxEnergyKeV ? ` · up to ${e.maxEnergyKeV.toString()} keV` : ""}</p>
                <p className="mt-2 text-sm text-slate-700">{e.description}</p>
              </li>
            ))}
          </ul>
          {f.cycles.length ? (
            <p className="mt-3 text-sm text-slate-700">Allocation cycles: {f.cycles.map((c) => `${c.name} from ${formatFacilityDate(c.startsAt, f.timeZone)}`).join(" · ")}</p>
          ) : null}
        </Card>
      ))}
    </div>
  );
}
