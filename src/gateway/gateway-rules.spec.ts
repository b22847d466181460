import { FastifyRequest } from 'fastify';
import { GatewayRule } from '../config/gateway.config';
import { parseRule } from '../config/gateway.settings';
import { DomainError } from '../common/domain-error';
import { readForwardedRequest } from './forwarded-request';
import { GatewayRules } from './gateway-rules';

const rules = (...lines: string[]): GatewayRules =>
  new GatewayRules({ rules: lines.map((l) => parseRule(l) as GatewayRule) });

const forwarded = (headers: Record<string, string>, method = 'GET') =>
  readForwardedRequest({ headers, method } as unknown as FastifyRequest, true);

describe('GatewayRules', () => {
  const r = rules(
    'GET,HEAD /orders/** orders.view_order',
    '* /admin/* staff',
    '* /public/** public',
    '* /** deny',
  );

  it('matches ** as any number of segments, also none', () => {
    for (const path of ['/orders', '/orders/1', '/orders/1/lines']) {
      expect(r.requirementOf('GET', path)).toEqual({
        kind: 'permissions',
        permissions: ['orders.view_order'],
      });
    }
  });

  it('matches * as exactly one segment', () => {
    expect(r.requirementOf('PUT', '/admin/users')).toEqual({ kind: 'staff' });
    expect(r.requirementOf('PUT', '/admin/users/1')).toEqual({ kind: 'deny' });
    expect(r.requirementOf('PUT', '/admin')).toEqual({ kind: 'deny' });
  });

  it('takes the first rule whose methods match, literal segments exactly', () => {
    expect(r.requirementOf('POST', '/orders/1')).toEqual({ kind: 'deny' });
    expect(r.requirementOf('GET', '/ordersx')).toEqual({ kind: 'deny' });
    expect(r.requirementOf('GET', '/public')).toEqual({ kind: 'public' });
  });

  it('needs a valid credential where no rule matches', () => {
    expect(rules('GET /a public').requirementOf('GET', '/b')).toEqual({ kind: 'authenticated' });
  });
});

describe('readForwardedRequest', () => {
  it('normalises the path: query, repeated and trailing slashes, percent-encoding', () => {
    expect(forwarded({ 'x-forwarded-uri': '//orders//%31/?q=/admin#x' }).path).toBe('/orders/1');
    expect(forwarded({ 'x-original-uri': '/' }).path).toBe('');
  });

  it('prefers X-Forwarded-Method and -Uri over the X-Original ones and the request method', () => {
    const f = forwarded(
      {
        'x-forwarded-method': 'DELETE',
        'x-original-method': 'GET',
        'x-forwarded-uri': '/a',
        'x-original-uri': '/b',
      },
      'POST',
    );
    expect(f).toEqual({ method: 'DELETE', path: '/a' });
    expect(forwarded({ 'x-original-uri': '/b' }, 'PATCH')).toEqual({ method: 'PATCH', path: '/b' });
  });

  it.each(['/a/../b', '/a/%2e%2E/b', '/a%2fb', '/a/%5c', '/%zz', '/a/%0a', 'a/b', '/a b'])(
    'refuses %s with a 403',
    (uri) => {
      expect(() => forwarded({ 'x-forwarded-uri': uri })).toThrow(DomainError);
    },
  );
});
