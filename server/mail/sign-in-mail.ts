/**
 * The mail with a one-time sign-in link (issue 13, item 5), in the reader's language (the widget's,
 * told with the request). Rendered in the request, so the link and its mail enter the outbox together.
 */
import type { MailConfig } from './mail-config.ts';
import type { OutgoingMail } from './types.ts';
import { button, headerText, htmlDocument, para, small } from './layout.ts';
import { randomToken } from '../lib/tokens.ts';
import { fill, serverStrings } from '../i18n/index.ts';

export function signInMail(mail: MailConfig, o: { to: string; link: string; site: string; lang: string }): OutgoingMail {
  const s = serverStrings(o.lang);
  const words = s.emailSignIn;
  const site = headerText(o.site, 200);
  const subject = fill(words.subject, { site });
  const intro = fill(words.intro, { site });
  const text = `${intro}\n\n${words.action}\n${words.button}: ${o.link}\n\n${words.ignore}\n`;
  const html = htmlDocument(subject, [para(intro), para(words.action), button(words.button, o.link), small([para(words.ignore)])], s);
  return {
    kind: 'sign-in',
    to: { name: '', address: o.to },
    subject,
    text,
    html,
    headers: { 'Auto-Submitted': 'auto-generated' },
    messageId: `<${randomToken(18)}@${mail.from.address.split('@')[1]!}>`,
  };
}
