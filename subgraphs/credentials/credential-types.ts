// The credential types Credence keeps, and the primary source each is verified against.
export const CREDENTIAL_TYPES = Object.freeze([
  { type: 'STATE_LICENSE', label: 'State medical license', primarySource: 'State medical board' },
  { type: 'DEA_REGISTRATION', label: 'DEA registration', primarySource: 'Drug Enforcement Administration' },
  { type: 'STATE_CONTROLLED_SUBSTANCE', label: 'State controlled-substance registration', primarySource: 'State controlled-substance authority' },
  { type: 'BOARD_CERTIFICATION', label: 'Board certification', primarySource: 'Certifying specialty board' },
  { type: 'MALPRACTICE_INSURANCE', label: 'Malpractice insurance', primarySource: 'Malpractice carrier' },
] as const);
