import type { ReactElement } from "react";
import InvitationEmail, { invitationSubject, type InvitationProps } from "./invitation";
import MagicLinkEmail, { magicLinkSubject, type MagicLinkProps } from "./magic-link";
import WelcomeEmail, { welcomeSubject, type WelcomeProps } from "./welcome";

/** Every message the portal sends: one react-email template each, with its subject line. */
export interface EmailTemplates {
  "magic-link": MagicLinkProps;
  invitation: InvitationProps;
  welcome: WelcomeProps;
}

export type EmailTemplateName = keyof EmailTemplates;

type Entry<P> = { subject: (props: P) => string; render: (props: P) => ReactElement };

export const emailTemplates: { [K in EmailTemplateName]: Entry<EmailTemplates[K]> } = {
  "magic-link": { subject: magicLinkSubject, render: (p) => MagicLinkEmail(p) },
  invitation: { subject: invitationSubject, render: (p) => InvitationEmail(p) },
  welcome: { subject: welcomeSubject, render: (p) => WelcomeEmail(p) },
};
