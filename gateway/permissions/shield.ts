// The shield map: which rule guards which field. Deny is the fallback, so a field added to the
// supergraph is unreachable until it is given a rule here.
import { deny, shield } from 'graphql-shield';
import { forbidden } from '../../platform/errors.ts';
import { isPublic } from './rules.ts';

export function createPermissions() {
  return shield(
    {
      Query: {
        passwordPolicy: isPublic,
        credentialTypes: isPublic,
        auditRetentionPolicy: isPublic,
      },
      PasswordPolicy: isPublic,
      CredentialTypeInfo: isPublic,
      AuditRetentionPolicy: isPublic,
    },
    {
      fallbackRule: deny,
      fallbackError: () => forbidden(),
      allowExternalErrors: true, // subgraph errors keep their own codes
      debug: false,
    },
  );
}
