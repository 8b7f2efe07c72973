// Which fields a GraphQL request selects below a resolver, as "Type.field" (through fragments,
// inline fragments and nested selections). Resolvers that guard protected fields read it to
// decrypt, audit or refuse in the same transaction as the read.
import { getNamedType, isAbstractType, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export function requestedFields(info: GraphQLResolveInfo): Set<string> {
  const found = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType) => {
    if (!selectionSet) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field = type.getFields()[selection.name.value];
        found.add(`${type.name}.${selection.name.value}`);
        if (field) visit(selection.selectionSet, getNamedType(field.type));
      } else {
        const fragment = selection.kind === 'InlineFragment' ? selection : info.fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition ? info.schema.getType(fragment.typeCondition.name.value) : type;
        visit(fragment.selectionSet, condition && !isAbstractType(condition) ? condition : type);
      }
    }
  };
  const returnType = getNamedType(info.returnType);
  for (const node of info.fieldNodes) visit(node.selectionSet, returnType);
  return found;
}
