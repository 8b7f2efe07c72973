// Audit retention (DESIGN.md, security model 5): 7 years by default, never below 6.
export const AUDIT_RETENTION = Object.freeze({ defaultYears: 7, minimumYears: 6 });
