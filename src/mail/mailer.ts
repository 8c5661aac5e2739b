/** An outgoing mail: a plain-text body, and an HTML one where the sender has it. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends mail. The default logs that a mail would go out (never its body, which may hold a secret). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Where failures are reported (the gateway's log); the body is never part of the report. */
  reportTo?(report: (error: Error, mail: Mail) => void): void;
  /** Waits for the mails in flight and closes the connection. */
  close?(): Promise<void>;
}

/** Logs the recipient and subject and keeps the last mails in memory, for development and tests. */
export class LogMailer implements Mailer {
  readonly sent: Mail[] = [];

  constructor(private readonly log: (message: string) => void = (message) => console.log(JSON.stringify({ level: 30, time: Date.now(), msg: message }))) {}

  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
    if (this.sent.length > 100) this.sent.shift();
    this.log(`mail to ${mail.to}: ${mail.subject}`);
  }
}
