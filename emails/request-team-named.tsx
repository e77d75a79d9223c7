import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface RequestTeamNamedProps {
  reference: string;
  title: string;
  organisationName: string;
  facilityName: string;
  teamRole: string;
  namedBy: string;
  /** Where to follow the request, or to join the organisation's account first. */
  url: string;
}

export const requestTeamNamedSubject = (p: RequestTeamNamedProps) => `You are on the team of ${p.reference}`;

export default function RequestTeamNamedEmail(p: RequestTeamNamedProps) {
  return (
    <EmailLayout preview={`${p.namedBy} named you on ${p.reference}`}>
      <Text>
        {p.namedBy} named you as <strong>{p.teamRole.toLowerCase()}</strong> on the access request <strong>{p.reference}</strong> “{p.title}” from {p.organisationName} to {p.facilityName}.
      </Text>
      <Text>
        To follow the request in Lodestone you need to be a member of {p.organisationName} there; if you are not yet, ask {p.namedBy} to invite you. The request is confidential to the organisation and the facility.
      </Text>
      <Button href={p.url} style={buttonStyle}>Open Lodestone</Button>
    </EmailLayout>
  );
}
