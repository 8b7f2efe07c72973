// In domain/: a rule with no I/O, shared by the audit subgraph (what it reports) and the worker (what it purges).
// Audit retention (DESIGN.md, security model 5): 7 years by default, never below 6.
export const AUDIT_RETENTION = Object.freeze({ defaultYears: 7, minimumYears: 6 });
