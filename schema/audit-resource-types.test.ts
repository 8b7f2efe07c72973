// The graph's AuditResourceType enum and the one list of kinds the audit writer accepts
// (domain/audit-resource-types.ts) name the same kinds, so that every event written reads back as
// one of its values, and every value filters the log.
import { describe, expect, it } from '@jest/globals';
import { Kind, parse } from 'graphql';
import { AUDIT_RESOURCE_TYPES, enumValueOf, resourceTypeValue, storedResourceNames } from '../domain/audit-resource-types.ts';
import { subgraphSdl } from './compose.ts';

describe('AuditResourceType', () => {
  it('has a value for every kind the audit writer accepts, and OTHER', () => {
    const type = parse(subgraphSdl('audit')).definitions.find((definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'AuditResourceType');
    if (type?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('AuditResourceType is not an enum of the audit subgraph');
    expect((type.values ?? []).map((value) => value.name.value).sort()).toEqual([...AUDIT_RESOURCE_TYPES.map(enumValueOf), 'OTHER'].sort());
  });

  it('reads stored names back as values, and filters each value by its stored spellings', () => {
    expect(resourceTypeValue('WebhookSubscription')).toBe('WEBHOOK_SUBSCRIPTION');
    expect(resourceTypeValue('GraphQLFields')).toBe('GRAPHQL_FIELDS');
    expect(resourceTypeValue('physician')).toBe('PHYSICIAN'); // as early exclusion screening wrote it
    expect(resourceTypeValue('SomethingElse')).toBe('OTHER');
    expect(storedResourceNames('PHYSICIAN')).toEqual(['Physician', 'physician']);
    expect(storedResourceNames('OTHER')).toEqual([]);
    for (const name of AUDIT_RESOURCE_TYPES) expect(resourceTypeValue(name)).toBe(enumValueOf(name));
  });
});
