// The part of mailparser's API the mail test server uses (mailparser comes with maildev; it
// ships no types of its own).
declare module 'mailparser' {
  export interface ParsedMail {
    subject?: string;
    text?: string;
    messageId?: string;
    headers: Map<string, unknown>;
  }
  export function simpleParser(source: Buffer | string): Promise<ParsedMail>;
}
