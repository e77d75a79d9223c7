import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface RequestDecidedProps {
  reference: string;
  title: string;
  approved: boolean;
  shifts: number | null;
  shiftHours: number;
  note: string;
  url: string;
}

export const requestDecidedSubject = (p: RequestDecidedProps) => `${p.reference}: ${p.approved ? "approved" : "not approved"}`;

export default function RequestDecidedEmail(p: RequestDecidedProps) {
  return (
    <EmailLayout preview={`${p.reference} ${p.approved ? "is approved" : "was not approved"}`}>
      {p.approved ? (
        <Text>
          Good news: <strong>{p.reference}</strong> “{p.title}” is approved with <strong>{p.shifts} shift{p.shifts === 1 ? "" : "s"} ({(p.shifts ?? 0) * p.shiftHours} h)</strong>. The facility will now schedule the time and send the agreement for signature.
        </Text>
      ) : (
        <Text>
          <strong>{p.reference}</strong> “{p.title}” was not approved.
        </Text>
      )}
      <Text style={{ borderLeft: "3px solid #cbd2d9", paddingLeft: 12, color: "#3e4c59" }}>{p.note}</Text>
      <Button href={p.url} style={buttonStyle}>Open {p.reference}</Button>
    </EmailLayout>
  );
}
