import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';

describe('smoke: obtain, call the secure endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('logs in and reaches /api/secure/ with the access token', async () => {
    const user = await createUser(t);
    const { access } = await obtainPair(t, user);
    const res = await t.http.get('/api/secure/').set('Authorization', `Bearer ${access}`).expect(200);
    expect(res.body).toEqual({ message: 'This is a secure endpoint.' });
  });
});
