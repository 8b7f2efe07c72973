// The queries of credentials that have a name: a listing (on a keyset page when given one) and the
// lookup by number through its blind index. Reached as `em.getRepository(Credential)`, bound to
// that unit of work (its caller's row-level security context).
import { EntityRepository, raw, type FilterObject } from '@mikro-orm/postgresql';
import type { EncryptedFields } from '../../../platform/field-encryption/encrypted-properties.ts';
import { onPage, type PageRequest } from '../../../platform/pagination.ts';
import type { Credential } from './credential.entity.ts';

/** The fields of a credential every read selects. */
export const CREDENTIAL_FIELDS = ['id', 'organization', 'physician', 'type', 'number', 'issuer', 'state', 'issuedOn', 'expiresOn', 'status', 'reviewReasons', 'createdAt', 'updatedAt'] as const;

/** A credential as a listing selects it (relations as their ids), with whether it has expired. */
export type CredentialRow = Omit<Pick<Credential, (typeof CREDENTIAL_FIELDS)[number]>, 'organization' | 'physician'> & { organization: string; physician: string; expired: boolean };

// Raw SQL: expiry is decided by the database's date, as the expiry sweep decides it.
const EXPIRED = raw('coalesce(c.expires_on < current_date, false) as expired');

export class CredentialRepository extends EntityRepository<Credential> {
  /** The credentials not removed that match `where`, on a page when given one. */
  listing(where: FilterObject<Credential>, page?: PageRequest) {
    const qb = this.createQueryBuilder('c').select([...CREDENTIAL_FIELDS, EXPIRED]).where({ removedAt: null, ...where });
    return page ? onPage(qb, page) : qb;
  }

  /** As `listing`, of the credentials whose number is `normalizedNumber` (compared through its blind index, never decrypted). */
  withNumber(fields: EncryptedFields<Credential>, normalizedNumber: string, where: FilterObject<Credential> = {}, page?: PageRequest) {
    return this.listing({ ...where, numberIndex: fields.blindIndex('number', normalizedNumber) }, page);
  }
}
