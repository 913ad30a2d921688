import nodemailer from 'nodemailer';

import type { KansaConfig } from '../config/schema';

export type SmtpConfig = KansaConfig['reports']['smtp'];

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** Sends one mail; TLS as configured, AUTH with the password from the environment variable the config names. */
export async function sendMail(
  smtp: SmtpConfig,
  to: string[],
  subject: string,
  text: string,
  attachments: Attachment[],
  env = process.env,
): Promise<string> {
  const password = env[smtp.passwordEnv];
  if (smtp.user && !password) {
    throw new Error(`reports.smtp.user is set but ${smtp.passwordEnv} is empty`);
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: !smtp.secure && smtp.requireTLS,
    ignoreTLS: !smtp.secure && !smtp.requireTLS,
    tls: { rejectUnauthorized: smtp.rejectUnauthorized },
    ...(smtp.user ? { auth: { user: smtp.user, pass: password } } : {}),
  });
  try {
    const info = await transport.sendMail({ from: smtp.from, to, subject, text, attachments });
    return info.messageId;
  } finally {
    transport.close();
  }
}
