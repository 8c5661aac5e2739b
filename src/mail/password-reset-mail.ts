import type { Mail } from './mailer';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The password-reset mail, as text and HTML: the code, where it goes (GraphQL `resetPassword`, or
 * the app's "new password" form), how long it works, and what to do when nobody asked for it; the
 * text ends with the code.
 */
export function passwordResetMail(to: string, code: string, validMinutes: number): Mail {
  const validity = validMinutes % 60 === 0 ? `${validMinutes / 60} hour${validMinutes === 60 ? '' : 's'}` : `${validMinutes} minutes`;
  const within = validity === '1 hour' ? 'within an hour' : `within ${validity}`;
  const text = [
    'Someone, probably you, asked to reset the password of your account. If it was not you, ignore',
    'this mail: your password stays as it is.',
    '',
    'Enter the code below with your new password where you asked for the reset (apps call the GraphQL',
    `mutation resetPassword with it). Use it ${within}: it works once, and only the newest code you`,
    'asked for works. Setting the new password signs you out everywhere.',
    '',
    `Your reset code: ${code}`,
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reset your password</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>Someone, probably you, asked to reset the password of your account.</p>
<p>Your reset code:</p>
<p style="font-family:monospace;font-size:1.2em"><strong data-reset-code>${escapeHtml(code)}</strong></p>
<p>Enter this code with your new password where you asked for the reset (apps call the GraphQL mutation <code>resetPassword</code> with it).
Use it ${within}: it works once, and only the newest code you asked for works. Setting the new password signs you out everywhere.</p>
<p>If you did not ask for this, ignore this mail: your password stays as it is.</p>
</body></html>`;
  return { to, subject: 'Reset your password', text, html };
}
