import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface RequestChangesRequestedProps {
  reference: string;
  title: string;
  reviewerName: string;
  comments: string;
  url: string;
}

export const requestChangesRequestedSubject = (p: RequestChangesRequestedProps) => `${p.reference}: changes requested`;

export default function RequestChangesRequestedEmail(p: RequestChangesRequestedProps) {
  return (
    <EmailLayout preview={`The facility asks for changes to ${p.reference}`}>
      <Text>
        {p.reviewerName} reviewed the feasibility of <strong>{p.reference}</strong> “{p.title}” and asks for changes before it can go further:
      </Text>
      <Text style={{ borderLeft: "3px solid #cbd2d9", paddingLeft: 12, color: "#3e4c59" }}>{p.comments}</Text>
      <Text>Edit the request and resubmit it; the facility sees both versions side by side.</Text>
      <Button href={p.url} style={buttonStyle}>Edit {p.reference}</Button>
    </EmailLayout>
  );
}
