import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface ShipmentUpdateProps {
  shipment: string;
  request: string;
  /** "received", "flagged", "return dispatched". */
  headline: string;
  details: string[];
  url: string;
}

export const shipmentUpdateSubject = (p: ShipmentUpdateProps) => `${p.shipment}: ${p.headline}`;

/** Receipt, problems found at the receipt desk, and returns. */
export default function ShipmentUpdateEmail(p: ShipmentUpdateProps) {
  return (
    <EmailLayout preview={`${p.shipment} ${p.headline}`}>
      <Text>Your shipment <strong>{p.shipment}</strong> for {p.request}: <strong>{p.headline}</strong>.</Text>
      {p.details.map((d, i) => <Text key={i}>{d}</Text>)}
      <Button href={p.url} style={buttonStyle}>See the custody chain</Button>
    </EmailLayout>
  );
}
