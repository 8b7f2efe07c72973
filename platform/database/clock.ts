// The database's clock in ORM queries, so that leases, delays and expiries are measured by one
// clock (PostgreSQL's `now()`, the transaction's start) whichever service writes them. `now()`
// itself is the ORM's `sql.now()`.
import { raw } from '@mikro-orm/postgresql';

/** The moment `seconds` from the database's now (before it when negative): `now() + make_interval(secs => ?)`. */
export const secondsFromNow = (seconds: number) => raw('now() + make_interval(secs => ?)', [seconds]);
