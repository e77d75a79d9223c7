import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface MagicLinkProps {
  url: string;
  expiresInMinutes: number;
}

export const magicLinkSubject = () => "Your Lodestone sign-in link";

export default function MagicLinkEmail({ url, expiresInMinutes }: MagicLinkProps) {
  return (
    <EmailLayout preview="Sign in to Lodestone with one click">
      <Text>Use the button below to sign in to Lodestone. The link works once and expires in {expiresInMinutes} minutes.</Text>
      <Button href={url} style={buttonStyle}>Sign in to Lodestone</Button>
      <Text style={{ fontSize: 13, color: "#616e7c" }}>Or paste this address into your browser: {url}</Text>
      <Text style={{ fontSize: 13, color: "#616e7c" }}>If you did not ask to sign in, you can ignore this email; nobody can sign in without the link.</Text>
    </EmailLayout>
  );
}
