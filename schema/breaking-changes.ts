// Which changes between two client schemas would break a client already written against the first,
// and whether each is accounted for: named in the "Unreleased" section of schema/CHANGELOG.md, or
// removing something the first schema had already marked @deprecated.
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';

export interface SchemaChange {
  /** The schema coordinate of what changed: `Type`, `Type.field`, `Type.field(argument:)`, `Enum.VALUE`, `@directive`. */
  coordinate: string;
  description: string;
}

export interface BreakingChange extends SchemaChange {
  /** Named in the changelog's Unreleased section. */
  recorded: boolean;
  /** What was removed had been marked @deprecated in the earlier schema. */
  deprecatedFirst: boolean;
}

export interface SchemaCheck {
  breaking: BreakingChange[];
  /** Changes that break nothing at once but may change what a client sees (a new enum value, a changed default). */
  dangerous: SchemaChange[];
  /** Breaking changes neither recorded nor deprecated first: the check fails on these. */
  unaccounted: BreakingChange[];
}

// The descriptions graphql-js gives its changes, each read back into the coordinate it names.
const COORDINATE_PATTERNS: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^A required arg (\w+) on directive (\w+) was added/, (m) => `@${m[2]}(${m[1]}:)`],
  [/^A required arg (\w+) on ([\w.]+) was added/, (m) => `${m[2]}(${m[1]}:)`],
  [/^An optional arg (\w+) on ([\w.]+) was added/, (m) => `${m[2]}(${m[1]}:)`],
  [/^A (?:required|optional) field (\w+) on input type (\w+) was added/, (m) => `${m[2]}.${m[1]}`],
  [/^([\w.]+) arg (\w+) /, (m) => `${m[1]}(${m[2]}:)`],
  [/^(\w+) was (?:removed from|added to) enum type (\w+)/, (m) => `${m[2]}.${m[1]}`],
  [/^(\w+) was (?:removed from|added to) union type (\w+)/, (m) => m[2]!],
  [/^\w+ added to interfaces implemented by (\w+)/, (m) => m[1]!],
  [/^(\w+) no longer implements interface/, (m) => m[1]!],
  [/^Repeatable flag was removed from (\w+)/, (m) => `@${m[1]}`],
  [/^Standard scalar (\w+) was removed/, (m) => m[1]!],
  [/^([\w.]+) (?:was removed\.|changed type from|changed from)/, (m) => m[1]!],
  [/^\w+ was removed from (\w+)\.$/, (m) => `@${m[1]}`],
];

export function changeCoordinate(description: string, directiveNames: ReadonlySet<string> = new Set()): string {
  for (const [pattern, coordinate] of COORDINATE_PATTERNS) {
    const match = description.match(pattern);
    if (match) {
      const found = coordinate(match);
      return directiveNames.has(found) ? `@${found}` : found;
    }
  }
  return description;
}

/** The text of the changelog's `## Unreleased` section (empty when it has none). */
export function unreleasedSection(changelog: string): string {
  const start = changelog.search(/^##\s+Unreleased\b.*$/im);
  if (start === -1) return '';
  const rest = changelog.slice(start).replace(/^.*\n?/, '');
  const end = rest.search(/^##\s/m);
  return end === -1 ? rest : rest.slice(0, end);
}

/** Every `code span` of a text: how a changelog entry names a coordinate. */
function namedCoordinates(text: string): Set<string> {
  return new Set([...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim()));
}

function wasDeprecated(schema: GraphQLSchema, coordinate: string): boolean {
  // eslint-disable-next-line security/detect-unsafe-regex -- optional parts with their own separators, over schema coordinates from the repository
  const match = coordinate.match(/^(\w+)(?:\.(\w+))?(?:\((\w+):\))?$/);
  if (!match) return false;
  const [, typeName, memberName, argumentName] = match;
  const type = schema.getType(typeName!);
  if (!memberName) return false;
  if (isEnumType(type)) return Boolean(type.getValue(memberName)?.deprecationReason);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const field = type.getFields()[memberName];
    if (!field) return false;
    if (argumentName === undefined) return Boolean(field.deprecationReason);
    return 'args' in field && Boolean(field.args.find((arg) => arg.name === argumentName)?.deprecationReason);
  }
  return false;
}

/** Compares the client schema `after` with `before`, judging each breaking change against the changelog. */
export function checkSchemaChanges(before: string, after: string, changelog: string): SchemaCheck {
  const [earlier, later] = [buildSchema(before), buildSchema(after)];
  const directiveNames = new Set(earlier.getDirectives().map((directive) => directive.name));
  const named = namedCoordinates(unreleasedSection(changelog));
  const breaking = findBreakingChanges(earlier, later).map(({ description }): BreakingChange => {
    const coordinate = changeCoordinate(description, directiveNames);
    return { coordinate, description, recorded: named.has(coordinate), deprecatedFirst: wasDeprecated(earlier, coordinate) };
  });
  const dangerous = findDangerousChanges(earlier, later).map(({ description }) => ({ coordinate: changeCoordinate(description, directiveNames), description }));
  return { breaking, dangerous, unaccounted: breaking.filter((change) => !change.recorded && !change.deprecatedFirst) };
}

/** The check's findings, one line each, for the terminal. */
export function describeSchemaCheck(check: SchemaCheck): string[] {
  const lines: string[] = [];
  for (const change of check.breaking) {
    const status = change.recorded ? 'in the changelog' : change.deprecatedFirst ? 'deprecated first' : 'NOT IN THE CHANGELOG';
    lines.push(`breaking (${status}): ${change.description} [\`${change.coordinate}\`]`);
  }
  for (const change of check.dangerous) lines.push(`may affect clients: ${change.description} [\`${change.coordinate}\`]`);
  if (check.unaccounted.length > 0) {
    lines.push(
      '',
      'A client written against the earlier schema would break. Mark what you remove @deprecated first, or name each change',
      'under "## Unreleased" in schema/CHANGELOG.md with its coordinate in backticks, saying what clients should do, for example:',
      ...check.unaccounted.map((change) => `  - Removed \`${change.coordinate}\`: ...`),
    );
  }
  return lines;
}
