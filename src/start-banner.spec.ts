import { loadConfiguration } from './config/configuration';
import { startBanner, startFacts } from './start-banner';

const KEY = { JWT_SIGNING_KEY: 'a-long-enough-hs256-signing-key-0123456789abcdef' };

describe('start banner', () => {
  it('names the PostgreSQL host and database, never the password', () => {
    const config = loadConfiguration({
      ...KEY,
      DATABASE_URL: 'postgres://app:s3cret@db.internal:5433/bastion',
    });
    const facts = startFacts(config, 'http://127.0.0.1:3000');
    expect(facts).toEqual({
      url: 'http://127.0.0.1:3000',
      swagger: 'http://127.0.0.1:3000/docs',
      database: 'PostgreSQL app@db.internal:5433/bastion',
      signingKey: 'HS256 (JWT_SIGNING_KEY)',
    });
    expect(startBanner(facts)).not.toContain('s3cret');
  });

  it('names the embedded directory and the development key file', () => {
    const facts = startFacts(loadConfiguration({ DATA_DIR: '/srv/data' }), 'http://127.0.0.1:3000');
    expect(facts.database).toBe('embedded PostgreSQL (PGlite) in /srv/data/pglite');
    expect(facts.signingKey).toBe(
      'HS256, development key in /srv/data/jwt-signing.key (set JWT_SIGNING_KEY for production)',
    );
    expect(startBanner(facts)).toContain('  Swagger UI:              http://127.0.0.1:3000/docs\n');
  });

  it('names the HEALTH_PORT liveness URL when there is one', () => {
    const config = loadConfiguration({ ...KEY, HOST: '0.0.0.0', HEALTH_PORT: '3002' });
    const facts = startFacts(config, 'http://0.0.0.0:3000');
    expect(facts.liveness).toBe('http://0.0.0.0:3002/health/live');
    expect(startBanner(facts)).toContain('  Liveness (HEALTH_PORT):  http://0.0.0.0:3002/health/live\n');
    expect(startFacts(loadConfiguration(KEY), 'http://127.0.0.1:3000').liveness).toBeUndefined();
  });
});
