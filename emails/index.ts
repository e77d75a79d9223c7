import type { ReactElement } from "react";
import AccountExistsEmail, { accountExistsSubject, type AccountExistsProps } from "./account-exists";
import AgreementToSignEmail, { agreementToSignSubject, type AgreementToSignProps } from "./agreement-to-sign";
import BlockUnusedTimeEmail, { blockUnusedTimeSubject, type BlockUnusedTimeProps } from "./block-unused-time";
import ConfirmEmail, { confirmEmailSubject, type ConfirmEmailProps } from "./confirm-email";
import BookingUpdateEmail, { bookingUpdateAttachments, bookingUpdateSubject, type BookingUpdateProps } from "./booking-update";
import InvitationEmail, { invitationSubject, type InvitationProps } from "./invitation";
import MagicLinkEmail, { magicLinkSubject, type MagicLinkProps } from "./magic-link";
import RequestChangesRequestedEmail, { requestChangesRequestedSubject, type RequestChangesRequestedProps } from "./request-changes-requested";
import RequestDecidedEmail, { requestDecidedSubject, type RequestDecidedProps } from "./request-decided";
import RequestSubmittedEmail, { requestSubmittedSubject, type RequestSubmittedProps } from "./request-submitted";
import RequestTeamNamedEmail, { requestTeamNamedSubject, type RequestTeamNamedProps } from "./request-team-named";
import RequestUpdateEmail, { requestUpdateSubject, type RequestUpdateProps } from "./request-update";
import ShipmentUpdateEmail, { shipmentUpdateSubject, type ShipmentUpdateProps } from "./shipment-update";
import WelcomeEmail, { welcomeSubject, type WelcomeProps } from "./welcome";

/** Every message the portal sends: one react-email template each, with its subject line. */
export interface EmailTemplates {
  "magic-link": MagicLinkProps;
  invitation: InvitationProps;
  welcome: WelcomeProps;
  "confirm-email": ConfirmEmailProps;
  "account-exists": AccountExistsProps;
  "request-submitted": RequestSubmittedProps;
  "request-update": RequestUpdateProps;
  "request-changes-requested": RequestChangesRequestedProps;
  "request-decided": RequestDecidedProps;
  "request-team-named": RequestTeamNamedProps;
  "booking-update": BookingUpdateProps;
  "block-unused-time": BlockUnusedTimeProps;
  "agreement-to-sign": AgreementToSignProps;
  "shipment-update": ShipmentUpdateProps;
}

export type EmailTemplateName = keyof EmailTemplates;

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** Text content (calendar files); binary attachments are not needed yet. */
  content: string;
}

type Entry<P> = { subject: (props: P) => string; render: (props: P) => ReactElement; attachments?: (props: P) => EmailAttachment[] };

export const emailTemplates: { [K in EmailTemplateName]: Entry<EmailTemplates[K]> } = {
  "magic-link": { subject: magicLinkSubject, render: (p) => MagicLinkEmail(p) },
  invitation: { subject: invitationSubject, render: (p) => InvitationEmail(p) },
  welcome: { subject: welcomeSubject, render: (p) => WelcomeEmail(p) },
  "confirm-email": { subject: confirmEmailSubject, render: (p) => ConfirmEmail(p) },
  "account-exists": { subject: accountExistsSubject, render: (p) => AccountExistsEmail(p) },
  "request-submitted": { subject: requestSubmittedSubject, render: (p) => RequestSubmittedEmail(p) },
  "request-update": { subject: requestUpdateSubject, render: (p) => RequestUpdateEmail(p) },
  "request-changes-requested": { subject: requestChangesRequestedSubject, render: (p) => RequestChangesRequestedEmail(p) },
  "request-decided": { subject: requestDecidedSubject, render: (p) => RequestDecidedEmail(p) },
  "request-team-named": { subject: requestTeamNamedSubject, render: (p) => RequestTeamNamedEmail(p) },
  "booking-update": { subject: bookingUpdateSubject, render: (p) => BookingUpdateEmail(p), attachments: bookingUpdateAttachments },
  "block-unused-time": { subject: blockUnusedTimeSubject, render: (p) => BlockUnusedTimeEmail(p) },
  "agreement-to-sign": { subject: agreementToSignSubject, render: (p) => AgreementToSignEmail(p) },
  "shipment-update": { subject: shipmentUpdateSubject, render: (p) => ShipmentUpdateEmail(p) },
};
