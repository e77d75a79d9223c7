import { render } from "@react-email/components";
import { emailTemplates, type EmailAttachment, type EmailTemplateName } from "../../emails";

export async function renderEmail(template: string, props: unknown): Promise<{ subject: string; html: string; text: string; attachments: EmailAttachment[] }> {
  const entry = emailTemplates[template as EmailTemplateName] as
    | { subject: (p: unknown) => string; render: (p: unknown) => React.ReactElement; attachments?: (p: unknown) => EmailAttachment[] }
    | undefined;
  if (!entry) throw new Error(`Unknown email template "${template}"`);
  const element = entry.render(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: entry.subject(props), html, text, attachments: entry.attachments?.(props) ?? [] };
}
