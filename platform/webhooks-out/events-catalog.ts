// The events an organization can subscribe its webhooks to: the GraphQL enum value and the type
// the payload carries (Standard Webhooks' `type`, dotted). Pure data: workflow code may read it.
export const WEBHOOK_EVENT_TYPES = {
  VERIFICATION_COMPLETED: 'verification.completed',
  REVIEW_REQUIRED: 'review.required',
  CREDENTIAL_EXPIRING: 'credential.expiring',
  CREDENTIAL_EXPIRED: 'credential.expired',
  PHYSICIAN_EXCLUDED: 'physician.excluded',
  CREDENTIALING_DECIDED: 'credentialing.decided',
} as const;

export type WebhookEventName = keyof typeof WEBHOOK_EVENT_TYPES;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[WebhookEventName];

export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventName[];
export const WEBHOOK_EVENT_TYPE_VALUES = Object.values(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

export const eventNameOf = (type: WebhookEventType): WebhookEventName =>
  WEBHOOK_EVENT_NAMES.find((name) => WEBHOOK_EVENT_TYPES[name] === type)!;

/**
 * What each event's `data` holds: ids and codes only, never a name, a number or a date of birth,
 * so a payload carries no PHI to a system outside Credence.
 */
export interface WebhookEventData {
  'verification.completed': { credentialId: string; physicianId: string; credentialType: string; status: 'VERIFIED' | 'REJECTED' };
  'review.required': { reviewId: string; credentialId: string; physicianId: string; reasons: string[] };
  'credential.expiring': { credentialId: string; physicianId: string; credentialType: string; daysLeft: number };
  'credential.expired': { credentialId: string; physicianId: string; credentialType: string };
  'physician.excluded': { physicianId: string; matchId: string; list: string; matchedBy: string };
  'credentialing.decided': { physicianId: string; decision: string; reasonCode: string };
}
