import { TestApp } from './create-test-app';
import { obtainPair, TestUser } from './factories';
import { bearer } from './sessions-helpers';

export const DENIED = {
  detail: 'You do not have permission to perform this action.',
  code: 'permission_denied',
};
export const apiKey = (key: string): [string, string] => ['Authorization', `Api-Key ${key}`];

export interface CreatedKey {
  id: number;
  name: string;
  prefix: string;
  key: string;
  permissions: string[] | null;
  expires_at: string | null;
}

/** A user's access token, and their password (asked again to create a key). */
export interface Login {
  access: string;
  password: string;
}

export async function login(t: TestApp, u: TestUser): Promise<Login> {
  return { access: (await obtainPair(t, u)).access, password: u.password };
}

/** Creates a key through POST /api/keys/ (201 expected). */
export async function newKey(t: TestApp, s: Login, body: object = {}): Promise<CreatedKey> {
  const res = await t.http
    .post('/api/keys/')
    .set(...bearer(s.access))
    .send({ name: 'ci', password: s.password, ...body })
    .expect(201);
  return res.body as CreatedKey;
}
