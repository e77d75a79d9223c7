import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface RequestSubmittedProps {
  reference: string;
  title: string;
  version: number;
  facilityName: string;
  decisionDue: string;
  url: string;
  /** "applicant" gets a receipt; "facility" gets a new item for review. */
  audience: "applicant" | "facility";
}

export const requestSubmittedSubject = (p: RequestSubmittedProps) =>
  p.audience === "applicant" ? `${p.reference} received: ${p.title}` : `New request to review: ${p.reference}${p.version > 1 ? ` (version ${p.version})` : ""}`;

export default function RequestSubmittedEmail(p: RequestSubmittedProps) {
  return (
    <EmailLayout preview={`${p.reference}: ${p.title}`}>
      {p.audience === "applicant" ? (
        <Text>
          {p.facilityName} has received your access request <strong>{p.reference}</strong> “{p.title}”{p.version > 1 ? ` (version ${p.version})` : ""}. The facility aims to decide by {p.decisionDue}; you can follow each step in Lodestone.
        </Text>
      ) : (
        <Text>
          Access request <strong>{p.reference}</strong> “{p.title}” was {p.version > 1 ? `resubmitted as version ${p.version}` : "submitted"} to {p.facilityName}. The route&apos;s decision target is {p.decisionDue}.
        </Text>
      )}
      <Button href={p.url} style={buttonStyle}>Open {p.reference}</Button>
    </EmailLayout>
  );
}
