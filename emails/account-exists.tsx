import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface AccountExistsProps {
  name: string;
  signInUrl: string;
}

export const accountExistsSubject = () => "You already have a Lodestone account";

/** Sent instead of a confirmation link when someone signs up with an address that has an account: the page answers the same either way. */
export default function AccountExistsEmail({ name, signInUrl }: AccountExistsProps) {
  return (
    <EmailLayout preview="Someone asked for a new account with this address">
      <Text>Hello {name},</Text>
      <Text>
        Someone, we hope you, asked to create a Lodestone account with this address, which already has one. Nothing was changed. Sign in with your password, or
        ask for a sign-in link on the same page if you have forgotten it. If you were invited to an organisation, sign in first and then open the invitation
        link again.
      </Text>
      <Button href={signInUrl} style={buttonStyle}>Sign in</Button>
      <Text style={{ fontSize: 13, color: "#616e7c" }}>If it was not you, ignore this email: nobody can use your account without your password or your mailbox.</Text>
    </EmailLayout>
  );
}
