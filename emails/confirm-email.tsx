import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface ConfirmEmailProps {
  name: string;
  url: string;
  expiresInHours: number;
}

export const confirmEmailSubject = () => "Confirm your email address for Lodestone";

export default function ConfirmEmail({ name, url, expiresInHours }: ConfirmEmailProps) {
  return (
    <EmailLayout preview="One step left: confirm your email address">
      <Text>Hello {name},</Text>
      <Text>
        Someone, we hope you, created a Lodestone account with this address. Open the link below and enter the password you chose to confirm the address and
        start using the account. The link expires in {expiresInHours} hours.
      </Text>
      <Button href={url} style={buttonStyle}>Confirm my address</Button>
      <Text style={{ fontSize: 13, color: "#616e7c" }}>Or paste this address into your browser: {url}</Text>
      <Text style={{ fontSize: 13, color: "#616e7c" }}>
        If it was not you, ignore this email: the account cannot be used without the password, and if you sign in to Lodestone with a sign-in link the address
        becomes yours and that password stops working.
      </Text>
    </EmailLayout>
  );
}
