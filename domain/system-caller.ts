// In domain/: the one shape of the system caller (no I/O), for the worker's activities and the commands that bootstrap accounts.
// The system caller: work that no person asked for (a schedule, a bootstrap command), so no user,
// organization, role, session or source address. What it may do is what its database role and
// row-level security grant; an organization is set on top of it where the work acts in one.

/** `requestId` names the run in the audit log: `checkpoint-<uuid>`, `key-rotation-<uuid>`, or a bare UUID. */
export function systemCaller(requestId: string) {
  return { userId: null, organizationId: null, role: null, sessionId: null, requestId, sourceIp: null };
}
