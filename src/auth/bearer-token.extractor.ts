import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Errors } from '../common/errors';
import { API_KEY_SCHEME } from '../api-keys/api-key';
import { JwtConfig } from '../config/jwt.config';

const ASCII_WHITESPACE = /[ \t\n\r\v\f]+/;
const HAS_ASCII_WHITESPACE = /[ \t\n\r\v\f]/;

/**
 * passport-jwt's `jwtFromRequest` with simplejwt's header rules: `Authorization: <type> <token>`, the
 * type one of JWT_AUTH_HEADER_TYPES (exact, case-sensitive), split on runs of ASCII whitespace. The
 * header errors are simplejwt's own answers, thrown before any token is read: no header or another
 * scheme is 401 "not provided"; a lone type, three parts or two Authorization headers is 401
 * bad_authorization_header. So passport-jwt only ever sees a token, and every failure it reports is
 * the token's. `Api-Key …` is the one other scheme the guard takes: null, so Passport asks its
 * second strategy (ApiKeyStrategy).
 */
@Injectable()
export class BearerTokenExtractor {
  private readonly headerTypes: Set<string>;

  constructor(config: JwtConfig) {
    this.headerTypes = new Set(config.authHeaderTypes);
  }

  /** An arrow property: passport-jwt calls it unbound, and it is built once. */
  readonly fromRequest = (req: FastifyRequest): string | null => {
    if (countAuthorization(req.raw.rawHeaders) > 1) throw Errors.badAuthorizationHeader();
    const header = req.headers.authorization ?? '';
    // The usual `<type> <token>`, one space, no other whitespace: no split, no arrays.
    const space = header.indexOf(' ');
    if (space > 0 && this.headerTypes.has(header.slice(0, space))) {
      const token = header.slice(space + 1);
      if (token !== '' && !HAS_ASCII_WHITESPACE.test(token)) return token;
    }
    const parts = header.split(ASCII_WHITESPACE).filter((p) => p !== '');
    if (parts[0] === API_KEY_SCHEME) return null; // not a token: the API-key strategy's to judge
    if (parts.length === 0 || !this.headerTypes.has(parts[0])) throw Errors.notAuthenticated();
    if (parts.length !== 2) throw Errors.badAuthorizationHeader();
    return parts[1];
  };
}

/** Node keeps only the first of repeated Authorization headers; two must never authenticate. */
function countAuthorization(rawHeaders: string[]): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].length === 13 && rawHeaders[i].toLowerCase() === 'authorization') n += 1;
  }
  return n;
}
