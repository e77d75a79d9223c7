import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f9", fontFamily: "Helvetica, Arial, sans-serif", color: "#1f2933" }}>
        <Container style={{ backgroundColor: "#ffffff", margin: "24px auto", padding: "24px 32px", maxWidth: 560, borderRadius: 8 }}>
          <Text style={{ fontSize: 18, fontWeight: 700, margin: "0 0 16px" }}>Lodestone</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e4e7eb", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: 12, color: "#616e7c" }}>
            Lodestone: access to X-ray imaging endstations for critical-minerals research. You receive this because of your account on the portal.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#1d4ed8",
  color: "#ffffff",
  padding: "10px 18px",
  borderRadius: 6,
  fontWeight: 600,
  textDecoration: "none",
  display: "inline-block",
} as const;
