/** An outgoing mail. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. The default logs that a mail would go out (never its body, which may hold a secret). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
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
