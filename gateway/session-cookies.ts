// Sessions in an HttpOnly cookie, for browsers, beside the bearer flow. A request opts in with
// `x-credence-session: cookie`: every refresh token its answer carries (login, verifyMfa,
// refreshSession, confirmTotp, acceptInvitation, switchOrganization) is taken out of the body and
// set as an HttpOnly, Secure, SameSite=Strict cookie scoped to /graphql, so no script ever reads
// it; a refreshSession without a refreshToken argument is given the cookie's; logout and
// logoutEverywhere remove it.
//
// Against cross-site requests: the cookie is read only on requests that carry the header, which a
// form or a simple request cannot send and a cross-origin fetch can send only after a CORS
// preflight that CORS_ORIGINS allows; and such a request whose Origin is not one of CORS_ORIGINS
// (or the gateway's own, PUBLIC_URL) is refused. SameSite=Strict keeps other sites' requests
// from carrying the cookie at all.
import type { NextFunction, Request, Response } from 'express';
import { defaultFieldResolver, isObjectType, Kind, OperationTypeNode, parse, print, visit, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { GatewayConfig } from '../platform/config.ts';
import { forbidden } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';

export const SESSION_MODE_HEADER = 'x-credence-session';
/** `__Secure-`: browsers accept it only with Secure, from an HTTPS origin. */
export const REFRESH_COOKIE = '__Secure-credence-refresh';
export const REFRESH_COOKIE_PATH = '/graphql';
const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH } as const;
/** The variable the gateway adds for the cookie's token; a client's own variables never start with `credence`. */
const COOKIE_VARIABLE = 'credenceSessionCookie';

/** What a request in cookie mode keeps between the HTTP layer and the resolvers. */
export interface SessionCookie {
  /** Sets the refresh token as the cookie (its expiry, when the answer has it). */
  keep(refreshToken: string, expiresAt: unknown): void;
  /** Removes the cookie (the session has ended). */
  clear(): void;
}

/** The sign-outs after which a cookie-mode caller's cookie is removed. */
const SIGN_OUTS = ['logout', 'logoutEverywhere'];

/** The cookie's value; undefined when it is absent or not validly encoded. */
function cookieValue(req: Request, name: string): string | undefined {
  for (const pair of (req.header('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0 || pair.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(at + 1).trim()) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * On /graphql, after the body is parsed: in cookie mode, checks the Origin, gives a refreshSession
 * without an argument the cookie's token, and puts res.locals.sessionCookie in place for the
 * resolvers. Without the header, the cookie is never read.
 */
export function sessionCookies(config: Readonly<GatewayConfig>) {
  const allowedOrigins = new Set([...config.corsOrigins, new URL(config.downloads.publicUrl).origin]);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.header(SESSION_MODE_HEADER) !== 'cookie') return next();
    const origin = req.header('origin');
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendError(res, forbidden('Cookie sessions are served only to the origins in CORS_ORIGINS'));
    const session: SessionCookie = {
      keep(refreshToken, expiresAt) {
        const expires = typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt)) ? new Date(expiresAt) : undefined;
        res.cookie(REFRESH_COOKIE, refreshToken, { ...COOKIE_OPTIONS, expires });
      },
      clear() {
        res.clearCookie(REFRESH_COOKIE, COOKIE_OPTIONS);
      },
    };
    res.locals.sessionCookie = session;
    const token = cookieValue(req, REFRESH_COOKIE);
    const body = req.body as { query?: unknown; variables?: unknown } | undefined;
    if (token && typeof body?.query === 'string') {
      try {
        const rewritten = withCookieArgument(body.query);
        if (rewritten) {
          body.query = rewritten;
          body.variables = { ...(typeof body.variables === 'object' && body.variables !== null ? body.variables : {}), [COOKIE_VARIABLE]: token };
        }
      } catch {
        // Not parseable: Apollo Server answers it as the syntax error it is.
      }
    }
    next();
  };
}

/**
 * The document with `refreshToken: $credenceSessionCookie` on each refreshSession field of an
 * operation that has none, and the variable declared there; null when nothing changed.
 */
function withCookieArgument(query: string): string | null {
  const document = parse(query, { maxTokens: 2_000 });
  let changed = false;
  const rewritten = visit(document, {
    OperationDefinition: {
      leave(operation: OperationDefinitionNode) {
        if (operation.operation !== OperationTypeNode.MUTATION) return undefined;
        let uses = false;
        const selections = operation.selectionSet.selections.map((selection) => {
          if (selection.kind !== Kind.FIELD || selection.name.value !== 'refreshSession' || selection.arguments?.some((argument) => argument.name.value === 'refreshToken')) return selection;
          uses = true;
          return {
            ...selection,
            arguments: [...(selection.arguments ?? []), { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'refreshToken' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: COOKIE_VARIABLE } } }],
          };
        });
        if (!uses) return undefined;
        changed = true;
        return {
          ...operation,
          variableDefinitions: [
            ...(operation.variableDefinitions ?? []),
            { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: COOKIE_VARIABLE } }, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } },
          ],
          selectionSet: { ...operation.selectionSet, selections },
        };
      },
    },
  });
  return changed ? print(rewritten) : null;
}

/**
 * SessionTokens.refreshToken, in cookie mode, goes into the cookie and answers null; a sign-out
 * removes the cookie. Set on the supergraph's own fields (before shield wraps them), so aliases
 * and fragments are covered alike.
 */
export function withSessionCookies(schema: GraphQLSchema): GraphQLSchema {
  const tokens = schema.getType('SessionTokens');
  if (!isObjectType(tokens)) throw new Error('The supergraph has no SessionTokens type');
  const field = tokens.getFields().refreshToken;
  if (!field) throw new Error('The supergraph has no SessionTokens.refreshToken');
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args, context: { sessionCookie?: SessionCookie }, info) => {
    const value: unknown = await resolve(source, args, context, info);
    if (!context.sessionCookie || typeof value !== 'string') return value;
    context.sessionCookie.keep(value, (source as { refreshTokenExpiresAt?: unknown } | null)?.refreshTokenExpiresAt);
    return null;
  };
  const mutations = schema.getMutationType()?.getFields() ?? {};
  for (const name of SIGN_OUTS) {
    // eslint-disable-next-line security/detect-object-injection -- a name from the constant SIGN_OUTS
    const signOut = mutations[name];
    if (!signOut) throw new Error(`The supergraph has no Mutation.${name}`);
    const resolveSignOut = signOut.resolve ?? defaultFieldResolver;
    signOut.resolve = async (source, args, context: { sessionCookie?: SessionCookie }, info) => {
      const result: unknown = await resolveSignOut(source, args, context, info);
      // The payload of a sign-out that ended the session: a result and no userErrors.
      const signedOut = !(result instanceof Error) && ((result as { userErrors?: unknown[] } | null)?.userErrors?.length ?? 0) === 0;
      if (context.sessionCookie && signedOut) context.sessionCookie.clear();
      return result;
    };
  }
  return schema;
}
