// The messages Credence sends to people, one template each. A subject is fixed text: it never
// carries a name, an organization or anything else about the person (subjects are shown on lock
// screens and kept by every mail system on the way). A link's secret goes in the URL fragment,
// which browsers never send to a server or in a Referer.

export interface MailTemplate<P> {
  subject: string;
  /** The page of the public URL the link opens; its fragment carries the secret. */
  linkPath: string;
  text(parameters: P, link: string): string;
}

export interface InvitationMail {
  organizationName: string;
  role: string;
  expiresAt: string;
}

export interface PasswordResetMail {
  minutes: number;
}

export interface VerificationReviewMail {
  /** How many reasons the review has (the reasons themselves are shown in Credence). */
  reasons: number;
}

export interface CredentialExpiringMail {
  credentialType: string;
  days: number;
  expiresOn: string;
}

export interface CredentialExpiredMail {
  credentialType: string;
  expiresOn: string;
}

export interface IncidentDeadlineMail {
  /** How many notices are reminded together, and the first of them: its kind and jurisdiction (codes: what is owed, never about whom). */
  count: number;
  obligation: string;
  jurisdiction: string | null;
  dueAt: string;
  hoursLeft: number;
}

export interface IncidentOverdueMail {
  /** How many obligations passed their due time unmet, and the first of them. */
  count: number;
  obligation: string;
  jurisdiction: string | null;
  dueAt: string;
}

export interface OffboardingReminderMail {
  daysLeft: number;
  exportWindowEndsAt: string;
}

export interface CredentialingDecisionMail {
  decision: 'APPROVED' | 'DENIED' | 'DEFERRED';
  /** YYYY-MM-DD */
  decidedOn: string;
}

export interface RecredentialingDueMail {
  /** Days actually left before the due date. */
  days: number;
  dueOn: string;
}

export interface MonitoringAlertMail {
  /** The exclusion list (OIG_LEIE, SAM). */
  list: string;
}

export interface SecurityAlertMail {
  /** Codes and counts only: what was detected, how serious, over how many events; the evidence is read in Credence. */
  detector: string;
  severity: string;
  eventCount: number;
  raisedAt: string;
}

export interface SupportAccessMail {
  /** Codes only: why, and the support ticket; never what will be read. */
  reason: string;
  ticket: string;
  endsAt: string;
}

const humanRole = (role: string) => role.toLowerCase().replaceAll('_', ' ');
const humanType = (type: string) => type.toLowerCase().replaceAll('_', ' ');

export const MAIL_TEMPLATES = {
  invitation: {
    subject: 'Your invitation to Credence',
    linkPath: '/accept-invitation',
    text: (p: InvitationMail, link: string) =>
      [
        `You have been invited to join ${p.organizationName} on Credence as ${humanRole(p.role)}.`,
        '',
        `Accept the invitation: ${link}`,
        '',
        `The link works once and expires at ${p.expiresAt}. If you did not expect this invitation, ignore this message.`,
      ].join('\n'),
  } satisfies MailTemplate<InvitationMail>,
  password_reset: {
    subject: 'Reset your Credence password',
    linkPath: '/reset-password',
    text: (p: PasswordResetMail, link: string) =>
      [
        'Someone asked to reset the password of the Credence account of this address.',
        '',
        `Choose a new password: ${link}`,
        '',
        `The link works once, within ${p.minutes} minutes, and signs you out everywhere. If you did not ask for it, ignore this message: your password stays as it is.`,
      ].join('\n'),
  } satisfies MailTemplate<PasswordResetMail>,
  // Verification mail names no physician and no credential number: the link opens Credence, where
  // the reader's role decides what is shown.
  verification_review: {
    subject: 'A credential verification needs a review',
    linkPath: '/verification-reviews',
    text: (p: VerificationReviewMail, link: string) =>
      [
        `A credential verification in your organization left doubt (${p.reasons} reason${p.reasons === 1 ? '' : 's'}) and waits for a credentialing decision.`,
        '',
        `Open the review queue: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<VerificationReviewMail>,
  verification_escalation: {
    subject: 'A credential verification review is overdue',
    linkPath: '/verification-reviews',
    text: (_p: Record<string, never>, link: string) =>
      [
        'A credential verification review in your organization has waited longer than its review window without a decision.',
        '',
        `Open the review queue: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<Record<string, never>>,
  credential_expiring: {
    subject: 'A credential expires soon',
    linkPath: '/credentials',
    text: (p: CredentialExpiringMail, link: string) =>
      [
        `A ${humanType(p.credentialType)} on file in your organization expires in ${p.days} day${p.days === 1 ? '' : 's'}, on ${p.expiresOn}.`,
        'Record its renewal (the new expiry date or document) so that it is verified again.',
        '',
        `Open Credence: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<CredentialExpiringMail>,
  credential_expired: {
    subject: 'A credential has expired',
    linkPath: '/credentials',
    text: (p: CredentialExpiredMail, link: string) =>
      [
        `A ${humanType(p.credentialType)} on file in your organization expired on ${p.expiresOn}.`,
        '',
        `Open Credence: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<CredentialExpiredMail>,
  // Incident mail names the obligation and its deadline only: the incident is read in Credence.
  incident_deadline_reminder: {
    subject: 'A breach notification deadline is near',
    linkPath: '/incidents',
    text: (p: IncidentDeadlineMail, link: string) =>
      [
        `${p.count === 1 ? 'A notice' : `${p.count} notices`} your organization owes for a security incident ${p.count === 1 ? 'is' : 'are'} due soon: ${p.count === 1 ? '' : 'the first, '}${humanType(p.obligation)}${p.jurisdiction ? `, ${p.jurisdiction}` : ''}, by ${p.dueAt}, in about ${p.hoursLeft} hour${p.hoursLeft === 1 ? '' : 's'}.`,
        'Once a notice is given, record it in Credence so that its reminders stop.',
        '',
        `Open the incident: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<IncidentDeadlineMail>,
  incident_deadline_overdue: {
    subject: 'A breach notification deadline has passed',
    linkPath: '/incidents',
    text: (p: IncidentOverdueMail, link: string) =>
      [
        `${p.count === 1 ? 'A notice' : `${p.count} notices`} your organization owes for a security incident passed ${p.count === 1 ? 'its' : 'their'} due time without being recorded as given (the first: ${humanType(p.obligation)}${p.jurisdiction ? `, ${p.jurisdiction}` : ''}, due ${p.dueAt}).`,
        '',
        `Open the incident: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<IncidentOverdueMail>,
  // To a terminated organization's owners: the window's end, nothing of its data.
  offboarding_reminder: {
    subject: 'Your organization\'s data will be deleted soon',
    linkPath: '/organization/export',
    text: (p: OffboardingReminderMail, link: string) =>
      [
        `Your organization was terminated on Credence. Its data can be exported until ${p.exportWindowEndsAt}, in ${p.daysLeft} day${p.daysLeft === 1 ? '' : 's'}; then it is deleted for good.`,
        '',
        `Export it now: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<OffboardingReminderMail>,
  // Credentialing mail names no physician either: the physician who reads it knows it is theirs,
  // staff open the file in Credence.
  credentialing_decision: {
    subject: 'A credentialing decision was made',
    linkPath: '/credentialing',
    text: (p: CredentialingDecisionMail, link: string) =>
      [
        `The credentialing committee decided a credentialing file on ${p.decidedOn}: ${p.decision.toLowerCase()}.`,
        'This notice goes to the physician whose file it is and to the credentialing staff of the organization.',
        '',
        `Open Credence: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<CredentialingDecisionMail>,
  recredentialing_due: {
    subject: 'Re-credentialing is due soon',
    linkPath: '/credentialing',
    text: (p: RecredentialingDueMail, link: string) =>
      [
        `A physician's re-credentialing in your organization is due in ${p.days} day${p.days === 1 ? '' : 's'}, on ${p.dueOn}.`,
        'Bring its credentials up to date so that they are verified again before the committee decides.',
        '',
        `Open Credence: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<RecredentialingDueMail>,
  recredentialing_lapsed: {
    subject: 'A re-credentialing has lapsed',
    linkPath: '/credentialing',
    text: (_p: Record<string, never>, link: string) =>
      [
        'A physician\'s re-credentialing in your organization is more than 30 days past due without a decision: the physician goes through initial credentialing again.',
        '',
        `Open Credence: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<Record<string, never>>,
  monitoring_alert: {
    subject: 'A credentialed physician matches an exclusion list',
    linkPath: '/monitoring-alerts',
    text: (p: MonitoringAlertMail, link: string) =>
      [
        `The monthly monitoring found a new match on the ${p.list === 'SAM' ? 'SAM.gov' : 'OIG LEIE'} exclusion list for a credentialed physician of your organization. Their file is back in review.`,
        '',
        `Open the monitoring alerts: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<MonitoringAlertMail>,
  // To owners, admins and the platform's security contact: the kind of anomaly, never who or what.
  security_alert: {
    subject: 'A security alert was raised',
    linkPath: '/security-alerts',
    text: (p: SecurityAlertMail, link: string) =>
      [
        `Credence raised a ${p.severity.toLowerCase()} security alert (${humanType(p.detector)}) over ${p.eventCount} audit event${p.eventCount === 1 ? '' : 's'}, at ${p.raisedAt}.`,
        'Review its evidence and acknowledge it in Credence.',
        '',
        `Open the security alerts: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<SecurityAlertMail>,
  // To an organization's owners, at once: a platform administrator may now read its data.
  support_access_granted: {
    subject: 'Support access to your organization was granted',
    linkPath: '/organization/support-access',
    text: (p: SupportAccessMail, link: string) =>
      [
        `A Credence platform administrator was granted access to your organization's data until ${p.endsAt}, for support ticket ${p.ticket} (reason: ${p.reason.replaceAll('_', ' ')}).`,
        'Every read under this grant is recorded in your audit log. You can end the access at any time.',
        '',
        `Review or end it: ${link}`,
      ].join('\n'),
  } satisfies MailTemplate<SupportAccessMail>,
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export type MailParameters<T extends MailTemplateName> = Parameters<(typeof MAIL_TEMPLATES)[T]['text']>[0];

/** The subject and text of a message, with the link built from the public URL and the secret. */
export function renderMail(template: string, parameters: unknown, secret: string | null, publicUrl: string): { subject: string; text: string } {
  const definition = (MAIL_TEMPLATES as Record<string, MailTemplate<unknown>>)[template];
  if (!definition) throw new Error(`unknown mail template "${template}"`);
  const link = `${publicUrl.replace(/\/$/, '')}${definition.linkPath}${secret ? `#token=${encodeURIComponent(secret)}` : ''}`;
  return { subject: definition.subject, text: definition.text(parameters, link) };
}
