import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./layout";

export interface WelcomeProps {
  name: string;
  dashboardUrl: string;
}

export const welcomeSubject = () => "Welcome to Lodestone";

export default function WelcomeEmail({ name, dashboardUrl }: WelcomeProps) {
  return (
    <EmailLayout preview="Your Lodestone account is ready">
      <Text>Hello {name},</Text>
      <Text>
        Your Lodestone account is ready. To request beamtime you need to belong to an organisation: register yours from the dashboard, or ask a colleague to invite you.
      </Text>
      <Button href={dashboardUrl} style={buttonStyle}>Open your dashboard</Button>
    </EmailLayout>
  );
}
