import type * as Nodemailer from 'nodemailer';
import { redactUrl } from '../config';
import type { Mail, Mailer } from './mailer';

/** Mails sent or waiting at once; past it a send fails at once rather than queueing without end. */
export const SMTP_MAX_IN_FLIGHT = 100;

/** How long connecting, the server's greeting, and a silent connection may take before a send fails. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * Sends mail through the SMTP server of SMTP_URL (`smtp://user:pass@host:587`, STARTTLS when the
 * server offers it; `smtps://` for TLS from the start), from MAIL_FROM. A failure is reported with
 * the recipient, subject and the server's reason, never the body, and rejects the send.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Nodemailer.Transporter;
  private readonly inFlight = new Set<Promise<unknown>>();
  private report: (error: Error, mail: Mail) => void = (error, mail) =>
    console.error(JSON.stringify({ level: 50, time: Date.now(), msg: `mail to ${mail.to} failed (${mail.subject}): ${error.message}` }));

  constructor(
    readonly url: string,
    readonly from: string,
  ) {
    // Loaded here: a gateway without SMTP_URL never holds nodemailer.
    const nodemailer = require('nodemailer') as typeof Nodemailer;
    this.transport = nodemailer.createTransport({
      url,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      logger: false,
      debug: false,
    } as Nodemailer.TransportOptions);
  }

  /** The server, its password hidden, for start-up lines. */
  get server(): string {
    return redactUrl(this.url);
  }

  reportTo(report: (error: Error, mail: Mail) => void): void {
    this.report = report;
  }

  async send(mail: Mail): Promise<void> {
    if (this.inFlight.size >= SMTP_MAX_IN_FLIGHT) {
      const error = new Error(`${SMTP_MAX_IN_FLIGHT} mails are already waiting for the SMTP server`);
      this.report(error, mail);
      throw error;
    }
    const sending = this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    this.inFlight.add(sending);
    try {
      await sending;
    } catch (cause) {
      // Only the server's reason: nodemailer's error may carry the message it could not send.
      const error = new Error(cause instanceof Error ? cause.message : String(cause));
      this.report(error, mail);
      throw error;
    } finally {
      this.inFlight.delete(sending);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    this.transport.close();
  }
}
