// Names and types shared by the system-check workflow, its activities and its callers.
export const SYSTEM_CHECK_WORKFLOW = 'systemCheckWorkflow';

export interface DatabaseCheck {
  /** The PostgreSQL role the worker's activities run as. */
  role: string;
  serverVersion: string;
}

export interface SystemCheckResult {
  /** Workflow time when the check ran (ISO 8601). */
  checkedAt: string;
  database: DatabaseCheck;
}
