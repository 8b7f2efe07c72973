// Field encryption's table as an entity, and the privileges each service role holds on it.
import { DataKeySchema, dataKeyGrants } from './data-key.entity.ts';

export { DataKey } from './data-key.entity.ts';

export const FIELD_ENCRYPTION_ENTITIES = [DataKeySchema];
export const FIELD_ENCRYPTION_GRANTS = [dataKeyGrants];
