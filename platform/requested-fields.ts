// What a GraphQL request selects: the fields of a selection set through fragments and inline
// fragments (`selectedFields`, the one walk of a selection), and from a resolver, every field
// selected below it as "Type.field" (`requestedFields`). Resolvers that guard protected fields
// read the latter to decrypt, audit or refuse in the same transaction as the read; the gateway
// counts the records an operation may return with the former.
import {
  getNamedType, isAbstractType, isInterfaceType, isObjectType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';

export interface SelectedField {
  node: FieldNode;
  /** The type the field is selected on. */
  parent: GraphQLNamedType;
  /** Its definition; undefined when that type has no such field. */
  definition: GraphQLField<unknown, unknown> | undefined;
}

/**
 * The fields `selectionSet` selects on `type`, those of its fragments included: a fragment's
 * fields are taken on the fragment's own type when it is a concrete one, else on `type`.
 */
export function* selectedFields(
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  schema: GraphQLSchema,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): Generator<SelectedField> {
  if (!selectionSet) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (isObjectType(type) || isInterfaceType(type)) yield { node: selection, parent: type, definition: type.getFields()[selection.name.value] };
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
    yield* selectedFields(fragment.selectionSet, condition && !isAbstractType(condition) ? condition : type, schema, fragments);
  }
}

export function requestedFields(info: GraphQLResolveInfo): Set<string> {
  const found = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType) => {
    for (const { node, parent, definition } of selectedFields(selectionSet, type, info.schema, info.fragments)) {
      found.add(`${parent.name}.${node.name.value}`);
      if (definition) visit(node.selectionSet, getNamedType(definition.type));
    }
  };
  const returnType = getNamedType(info.returnType);
  for (const node of info.fieldNodes) visit(node.selectionSet, returnType);
  return found;
}
