import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TrpcReactProvider } from "./_lib/trpc";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lodestone", template: "%s · Lodestone" },
  description: "Book X-ray imaging endstations for critical-minerals research and publish every experiment as a Digital Ore Passport.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
