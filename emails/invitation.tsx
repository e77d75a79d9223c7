import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface InvitationProps {
  organisationName: string;
  roleLabel: string;
  invitedByName: string;
  acceptUrl: string;
  expiresOn: string;
}

export const invitationSubject = (p: InvitationProps) => `${p.invitedByName} invited you to join ${p.organisationName} on Lodestone`;

export default function InvitationEmail(p: InvitationProps) {
  return (
    <EmailLayout preview={`Join ${p.organisationName} on Lodestone`}>
      <Text>
        {p.invitedByName} invited you to join <strong>{p.organisationName}</strong> on Lodestone as <strong>{p.roleLabel}</strong>.
      </Text>
      <Button href={p.acceptUrl} style={buttonStyle}>Accept the invitation</Button>
      <Text style={{ fontSize: 13, color: "#616e7c" }}>The invitation expires on {p.expiresOn} and can be used once. If you have no Lodestone account yet, you can create one from the link.</Text>
    </EmailLayout>
  );
}
