// The queries of physician files that have a name: a listing of files with each one's affiliation
// with its own organization (on a keyset page when given one), and their count. Reached as
// `em.getRepository(Physician)`, bound to that unit of work (its caller's row-level security context).
import { EntityRepository, raw, type FilterObject } from '@mikro-orm/postgresql';
import { onPage, type PageRequest } from '../../../platform/pagination.ts';
import type { Physician } from './physician.entity.ts';

/** The fields of a physician every read selects. */
export const PHYSICIAN_FIELDS = ['id', 'organization', 'user', 'givenName', 'familyName', 'npi', 'dateOfBirth', 'ssn', 'createdAt', 'updatedAt'] as const;
// Raw SQL: the joined affiliation's columns, named apart from the physician's own.
const AFFILIATION_FIELDS = [raw('a.status as affiliation_status'), raw('a.started_on as affiliation_started_on'), raw('a.ended_on as affiliation_ended_on')];

/** A physician as a listing selects it (relations as their ids), with its affiliation's columns. */
export type PhysicianRow = Omit<Pick<Physician, (typeof PHYSICIAN_FIELDS)[number]>, 'organization' | 'user'> & {
  organization: string;
  user: string | null;
  affiliation_status: string | null;
  affiliation_started_on: string | null;
  affiliation_ended_on: string | null;
};

export class PhysicianRepository extends EntityRepository<Physician> {
  /** The files that match `where`, with their affiliation with their own organization, on a page when given one. */
  listing(where: FilterObject<Physician>, page?: PageRequest) {
    const qb = this.withAffiliation().select([...PHYSICIAN_FIELDS, ...AFFILIATION_FIELDS]).where(where);
    return page ? onPage(qb, page) : qb;
  }

  /** How many files match `where`. */
  countListed(where: FilterObject<Physician>): Promise<number> {
    return this.withAffiliation().where(where).getCount();
  }

  /** The physicians with their affiliation with their own organization, left joined as `a`. */
  private withAffiliation() {
    return this.createQueryBuilder('p').leftJoin('p.affiliations', 'a', { organization: raw('p.organization_id') });
  }
}
