// Frontend developers read the schema in their GraphQL tools rather than in this repository, so
// every type, field, argument, input field and enum value of the subgraph SDLs carries a
// description. Federation's own `_`-prefixed elements and directive definitions are not ours to
// describe.
import { describe, expect, it } from '@jest/globals';
import { Kind, parse, visit, type ASTNode, type DocumentNode } from 'graphql';
import { SUBGRAPH_NAMES } from '../platform/config.ts';
import { subgraphSdl } from './compose.ts';

type Described = ASTNode & { name: { value: string }; description?: { value: string } };

/** Every element of the document without a description, as `Type`, `Type.field`, `Type.field(argument)` or `Enum.VALUE`. */
function undescribedElements(document: DocumentNode): { described: string[]; undescribed: string[] } {
  const described: string[] = [];
  const undescribed: string[] = [];
  const note = (node: Described, path: string) => {
    if (node.name.value.startsWith('_')) return;
    (node.description?.value.trim() ? described : undescribed).push(path);
  };
  const typeNames: string[] = [];
  const fieldNames: string[] = [];
  const enterType = (node: Described, isExtension: boolean) => {
    typeNames.push(node.name.value);
    // An extension cannot carry a description in GraphQL; its fields still must.
    if (!isExtension) note(node, node.name.value);
  };
  const leaveType = () => void typeNames.pop();
  const typeKinds = [Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.ENUM_TYPE_DEFINITION, Kind.SCALAR_TYPE_DEFINITION, Kind.UNION_TYPE_DEFINITION] as const;
  const extensionKinds = [Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_EXTENSION, Kind.INPUT_OBJECT_TYPE_EXTENSION, Kind.ENUM_TYPE_EXTENSION] as const;
  visit(document, {
    ...Object.fromEntries(typeKinds.map((kind) => [kind, { enter: (node: Described) => enterType(node, false), leave: leaveType }])),
    ...Object.fromEntries(extensionKinds.map((kind) => [kind, { enter: (node: Described) => enterType(node, true), leave: leaveType }])),
    DirectiveDefinition: () => false,
    FieldDefinition: {
      enter(node) {
        fieldNames.push(node.name.value);
        note(node, `${typeNames.at(-1)}.${node.name.value}`);
      },
      leave: () => void fieldNames.pop(),
    },
    InputValueDefinition(node) {
      const field = fieldNames.at(-1);
      note(node, field === undefined ? `${typeNames.at(-1)}.${node.name.value}` : `${typeNames.at(-1)}.${field}(${node.name.value})`);
    },
    EnumValueDefinition(node) {
      note(node, `${typeNames.at(-1)}.${node.name.value}`);
    },
  });
  return { described, undescribed };
}

describe('schema descriptions', () => {
  it.each(SUBGRAPH_NAMES)('describe every type, field, argument, input field and enum value of %s.graphql', (name) => {
    expect(undescribedElements(parse(subgraphSdl(name))).undescribed).toEqual([]);
  });

  it('are found missing wherever they can be: types, fields, arguments, input fields, enum values and extended types', () => {
    const { described, undescribed } = undescribedElements(parse(`
      directive @internal(reason: String) on FIELD_DEFINITION
      scalar Instant
      "Described." enum Color { RED "Described." BLUE }
      input Filter { color: Color "Described." limit: Int }
      "Described." type Query { "Described." paint(color: Color, "Described." times: Int): Int _service: String }
      extend type Query { mix: Int }
    `));
    expect(undescribed).toEqual(['Instant', 'Color.RED', 'Filter', 'Filter.color', 'Query.paint(color)', 'Query.mix']);
    expect(described).toEqual(['Color', 'Color.BLUE', 'Filter.limit', 'Query', 'Query.paint', 'Query.paint(times)']);
  });
});
