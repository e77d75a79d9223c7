import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface RequestUpdateProps {
  reference: string;
  title: string;
  /** The new status, e.g. "Safety review". */
  status: string;
  /** What happens next and who owns it. */
  nextStep: string;
  /** The reviewer's words, when they wrote some for the applicant. */
  comments?: string;
  url: string;
}

export const requestUpdateSubject = (p: RequestUpdateProps) => `${p.reference}: ${p.status}`;

/** Progress through review: feasibility started, sent to safety review, to the panel, withdrawn. */
export default function RequestUpdateEmail(p: RequestUpdateProps) {
  return (
    <EmailLayout preview={`${p.reference} is now: ${p.status}`}>
      <Text>
        Your access request <strong>{p.reference}</strong> “{p.title}” is now at <strong>{p.status}</strong>.
      </Text>
      <Text>{p.nextStep}</Text>
      {p.comments ? <Text style={{ borderLeft: "3px solid #cbd2d9", paddingLeft: 12, color: "#3e4c59" }}>{p.comments}</Text> : null}
      <Button href={p.url} style={buttonStyle}>Open {p.reference}</Button>
    </EmailLayout>
  );
}
