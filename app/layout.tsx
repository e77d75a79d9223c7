import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { TrpcReactProvider } from "./_lib/trpc";
import "./globals.css";

const description = "Book X-ray imaging endstations for critical-minerals research and publish every experiment as a Digital Ore Passport.";

// Files under public/ (rendered from public/icons/icon.svg by scripts/render-public-assets.ts).
export const metadata: Metadata = {
  // Link previews need absolute image URLs: the portal's public address.
  metadataBase: new URL(process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000"),
  title: { default: "Lodestone", template: "%s · Lodestone" },
  description,
  applicationName: "Lodestone",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icons/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
  openGraph: {
    type: "website",
    siteName: "Lodestone",
    title: "Lodestone",
    description,
    images: [{ url: "/og-image.png", width: 1200, height: 630, alt: "Lodestone: book X-ray imaging beamtime for critical-minerals research" }],
  },
  twitter: { card: "summary_large_image" },
};

// brand-600 in app/globals.css, as in the web manifest.
export const viewport: Viewport = { themeColor: "#1d4ed8" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
