import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface AgreementToSignProps {
  agreementReference: string;
  documentTitle: string;
  /** What the agreement covers: "LDS-26-0042 “Lithium in mica”" or "CORNUBIA's block on S07". */
  covers: string;
  parties: string;
  /** A reminder names who is still to sign; the first request does not. */
  reminder?: { sentOn: string; waitingFor: string[] };
  url: string;
}

export const agreementToSignSubject = (p: AgreementToSignProps) => `${p.reminder ? "Reminder: " : ""}${p.agreementReference} is waiting for your signature`;

/** Asks an authorised signatory to read and sign (first request and reminders). */
export default function AgreementToSignEmail(p: AgreementToSignProps) {
  return (
    <EmailLayout preview={`${p.documentTitle} for ${p.covers}`}>
      <Text>
        The <strong>{p.documentTitle}</strong> ({p.agreementReference}) between {p.parties} covers {p.covers}.
        {p.reminder ? ` It was sent on ${p.reminder.sentOn} and is still waiting for ${p.reminder.waitingFor.join(" and ")}.` : " You are an authorised signatory of one of the parties."}
      </Text>
      <Text>Read it and sign by typing your name, or decline with a reason. No beamtime is confirmed, and no sample ships, until every party has signed.</Text>
      <Button href={p.url} style={buttonStyle}>Read and sign {p.agreementReference}</Button>
    </EmailLayout>
  );
}
