import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  ERROR_CATALOG, ERRORS_DOCUMENT_PATH, FRAMEWORK_ERROR_CATALOG, renderErrorCatalog, type ErrorCatalogEntry,
} from './error-catalog.ts';

const REPOSITORY = new URL('../', import.meta.url);
const SCANNED_FOLDERS = ['gateway', 'subgraphs', 'platform', 'workflows'];

/** Every code a client can receive, Credence's and the framework's. */
const CATALOG: Readonly<Record<string, ErrorCatalogEntry>> = { ...ERROR_CATALOG, ...FRAMEWORK_ERROR_CATALOG };

interface ErrorSite {
  where: string;
  code: string;
  /** The keys of a details object written in place, when there is one. */
  detailKeys?: string[];
  /** `details.reason`, when it is a literal. */
  detailReason?: string;
}

describe('schema/ERRORS.md', () => {
  it('is up to date with the catalog (run `npm run errors:catalog` when this fails)', () => {
    expect(readFileSync(ERRORS_DOCUMENT_PATH, 'utf8')).toBe(renderErrorCatalog());
  });

  it('lists every code with its status, retryability and details', () => {
    const document = renderErrorCatalog();
    for (const [code, entry] of Object.entries(CATALOG)) {
      expect(document).toContain(`| \`${code}\` | ${entry.status} | ${entry.retryable ? 'yes' : 'no'} |`);
    }
    expect(document).toContain('`{ retryAfterSeconds }`');
    expect(document).toContain('`{ field, problems, breachCheck }`');
  });
});

describe('the error catalog', () => {
  it('documents every code the source gives an error, and every shape of details written in place', () => {
    const sites = sourceFiles().flatMap((path) => errorSites(readFileSync(new URL(path, REPOSITORY), 'utf8'), path));
    expect(sites.length).toBeGreaterThan(100); // the scan reads the call sites, not nothing
    expect(sites.filter((site) => site.detailReason !== undefined).length).toBeGreaterThan(20);
    expect(sites.flatMap(undocumented)).toEqual([]);
  });

  it('lists the password policy\'s problem codes, as details.problems carries them', () => {
    const source = readFileSync(new URL('subgraphs/identity/passwords.ts', REPOSITORY), 'utf8');
    const union = /export type PasswordProblemCode = ([^;]+);/.exec(source)?.[1];
    expect(union).toBeDefined();
    const policyCodes = [...union!.matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]);
    const shape = ERROR_CATALOG.BAD_USER_INPUT.details.find((candidate) => candidate.keys.includes('problems'));
    expect(Object.keys(shape?.codes ?? {}).sort()).toEqual(policyCodes.sort());
  });

  it('reads a code, a details shape and a details code it does not know as undocumented', () => {
    const source = [
      "throw new AppError('TEAPOT', 'short and stout');",
      "throw badUserInput('npi (10 digits)', { field: 'npi', reason: 'NOT_A_CODE' });",
      "throw new AppError('RATE_LIMITED', `wait ${seconds} (s)`, { retryAfterSeconds: seconds, shelf: 'top' });",
      "throw new GraphQLError('x', { extensions: { code: 'BAD_USER_INPUT', details: { maxRecords: limits.max(1, 2) } } });",
      "throw new GraphQLError('y', { extensions: { code: 'NOR_THIS' } });",
    ].join('\n');
    expect(errorSites(source, 'example.ts').flatMap(undocumented)).toEqual([
      'example.ts:1: TEAPOT is not in the catalog',
      'example.ts:2: BAD_USER_INPUT details.reason NOT_A_CODE is not documented for { field, reason }',
      'example.ts:3: RATE_LIMITED details { retryAfterSeconds, shelf } are not a documented shape',
      'example.ts:5: NOR_THIS is not in the catalog',
    ]);
  });
});

function undocumented(site: ErrorSite): string[] {
  const entry = CATALOG[site.code];
  if (!entry) return [`${site.where}: ${site.code} is not in the catalog`];
  if (!site.detailKeys) return [];
  const keys = [...site.detailKeys].sort().join(',');
  const shape = entry.details.find((candidate) => [...candidate.keys].sort().join(',') === keys);
  const written = `{ ${site.detailKeys.join(', ')} }`;
  if (!shape) return [`${site.where}: ${site.code} details ${written} are not a documented shape`];
  if (site.detailReason !== undefined && !Object.hasOwn(shape.codes ?? {}, site.detailReason)) {
    return [`${site.where}: ${site.code} details.reason ${site.detailReason} is not documented for ${written}`];
  }
  return [];
}

function sourceFiles(): string[] {
  return SCANNED_FOLDERS.flatMap((folder) =>
    readdirSync(new URL(`${folder}/`, REPOSITORY), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
      .map((path) => `${folder}/${path}`));
}

/** The errors a source file builds: AppErrors, badUserInput refusals, GraphQLErrors and error objects with `extensions.code`. */
function errorSites(source: string, path: string): ErrorSite[] {
  const lineOf = (index: number) => `${path}:${source.slice(0, index).split('\n').length}`;
  const sites: ErrorSite[] = [];
  const detailed = new Set<number>();
  for (const call of source.matchAll(/\b(new AppError|badUserInput|new GraphQLError)\(/g)) {
    const args = topLevelParts(source, call.index + call[0].length, ')');
    let code: string | undefined;
    let details: string | undefined;
    if (call[1] === 'new AppError') {
      code = /^'([A-Z0-9_]+)'$/.exec(args[0] ?? '')?.[1];
      details = args[2];
    } else if (call[1] === 'badUserInput') {
      code = 'BAD_USER_INPUT';
      details = args[1];
    } else {
      const extensions = objectEntries(args[1])?.get('extensions');
      const fields = objectEntries(extensions);
      code = /^'([A-Z0-9_]+)'$/.exec(fields?.get('code') ?? '')?.[1];
      details = fields?.get('details');
      if (extensions) detailed.add(source.indexOf(extensions, call.index));
    }
    if (code === undefined) continue;
    const detailFields = objectEntries(details);
    const detailReason = /^'([A-Z0-9_]+)'$/.exec(detailFields?.get('reason') ?? '')?.[1];
    sites.push({
      where: lineOf(call.index),
      code,
      ...(detailFields ? { detailKeys: [...detailFields.keys()] } : {}),
      ...(detailReason !== undefined ? { detailReason } : {}),
    });
  }
  // Error objects written as plain data (a response's errors), and GraphQLErrors not found above.
  for (const match of source.matchAll(/extensions:\s*\{\s*code:\s*'([A-Z0-9_]+)'/g)) {
    const at = match.index + 'extensions:'.length + (/^\s*/.exec(match[0].slice('extensions:'.length))?.[0].length ?? 0);
    if (detailed.has(at)) continue;
    sites.push({ where: lineOf(match.index), code: match[1]! });
  }
  return sites;
}

/** An object literal's entries, key to value text; undefined for anything but an object literal. */
function objectEntries(text: string | undefined): Map<string, string> | undefined {
  if (!text?.startsWith('{')) return undefined;
  const entries = new Map<string, string>();
  for (const part of topLevelParts(text, 1, '}')) {
    const entry = /^([A-Za-z_$][\w$]*)\s*(?::\s*([\s\S]*))?$/.exec(part);
    if (entry) entries.set(entry[1]!, entry[2] ?? entry[1]!);
    else if (part.startsWith('...')) entries.set(part, part);
  }
  return entries;
}

/** The comma-separated parts of a list starting at `start` and ending at its `close`, trimmed; strings and nesting skipped. */
function topLevelParts(text: string, start: number, close: string): string[] {
  const parts: string[] = [];
  let partStart = start;
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === close || char === ',') {
      const part = text.slice(partStart, index).trim();
      if (part) parts.push(part);
      if (char === close) return parts;
      partStart = index + 1;
      index += 1;
    } else {
      index = skipToken(text, index);
    }
  }
  return parts;
}

/** The index after the token at `index`: a whole string, template, comment or bracketed group, else one character. */
function skipToken(text: string, index: number): number {
  const char = text[index];
  if (char === "'" || char === '"') {
    let at = index + 1;
    while (at < text.length && text[at] !== char) at += text[at] === '\\' ? 2 : 1;
    return at + 1;
  }
  if (char === '`') {
    let at = index + 1;
    while (at < text.length && text[at] !== '`') {
      if (text[at] === '\\') at += 2;
      else if (text[at] === '$' && text[at + 1] === '{') at = skipGroup(text, at + 2, '}');
      else at += 1;
    }
    return at + 1;
  }
  if (char === '/' && text[index + 1] === '/') {
    const end = text.indexOf('\n', index);
    return end === -1 ? text.length : end;
  }
  if (char === '/' && text[index + 1] === '*') return text.indexOf('*/', index) + 2;
  if (char === '(') return skipGroup(text, index + 1, ')');
  if (char === '[') return skipGroup(text, index + 1, ']');
  if (char === '{') return skipGroup(text, index + 1, '}');
  return index + 1;
}

function skipGroup(text: string, start: number, close: string): number {
  let index = start;
  while (index < text.length && text[index] !== close) index = skipToken(text, index);
  return index + 1;
}
