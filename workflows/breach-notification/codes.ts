// The codes an incident's records carry instead of free text (no PHI can hide in a code). Shared
// by the entities, the subgraph's SDL enums and the workflow's validators.

/** How a notice was given. */
export const NOTICE_METHODS = ['FIRST_CLASS_MAIL', 'EMAIL', 'TELEPHONE', 'SUBSTITUTE_WEBSITE', 'SUBSTITUTE_MEDIA', 'MEDIA_RELEASE', 'HHS_PORTAL', 'REGULATOR_PORTAL', 'CONTRACT_CONTACT', 'OTHER'] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];

export const OBLIGATION_STATUSES = ['PENDING', 'MET', 'OVERDUE', 'NOT_REQUIRED'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** The four factors of 164.402(2), each as a code. */
export const RISK_FACTORS = {
  /** (i) the nature and extent of the PHI, the identifiers and the likelihood of re-identification. */
  phiNature: ['LIMITED_IDENTIFIERS', 'DEMOGRAPHIC', 'FINANCIAL', 'CLINICAL', 'SENSITIVE_CLINICAL'],
  /** (ii) the unauthorized person who used the PHI or to whom it was disclosed. */
  recipient: ['COVERED_ENTITY_OR_BUSINESS_ASSOCIATE', 'OWN_WORKFORCE', 'KNOWN_THIRD_PARTY', 'UNKNOWN'],
  /** (iii) whether the PHI was actually acquired or viewed. */
  acquisition: ['NOT_ACQUIRED', 'UNDETERMINED', 'ACQUIRED_OR_VIEWED'],
  /** (iv) the extent to which the risk to the PHI has been mitigated. */
  mitigation: ['RETURNED_OR_DESTROYED_ATTESTED', 'PARTIALLY_MITIGATED', 'NOT_MITIGATED'],
} as const;

export const RISK_CONCLUSIONS = ['LOW_PROBABILITY_OF_COMPROMISE', 'NOT_LOW_PROBABILITY'] as const;
export type RiskConclusion = (typeof RISK_CONCLUSIONS)[number];

export interface RiskFactors {
  phiNature: (typeof RISK_FACTORS.phiNature)[number];
  recipient: (typeof RISK_FACTORS.recipient)[number];
  acquisition: (typeof RISK_FACTORS.acquisition)[number];
  mitigation: (typeof RISK_FACTORS.mitigation)[number];
}

export const DELAY_KINDS = ['WRITTEN', 'ORAL'] as const;

/** An agency or an officer as recorded: code-like text, no free prose. */
export const AGENCY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 .&'-]{0,99}$/;

/** What caused an incident, as its post-incident review names it. */
export const ROOT_CAUSES = [
  'LOST_OR_STOLEN_DEVICE', 'PHISHING', 'STOLEN_CREDENTIALS', 'MISCONFIGURATION', 'SOFTWARE_VULNERABILITY', 'MALWARE',
  'INSIDER_MISUSE', 'HUMAN_ERROR', 'VENDOR_OR_BUSINESS_ASSOCIATE', 'IMPROPER_DISPOSAL', 'OTHER',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];
