/**
 * Three tiers (STYLE.md): unit specs beside the code; repository specs in test/repositories/ on a migrated
 * database (PGlite, and PostgreSQL with TEST_DATABASE_URL), no app; e2e specs in test/ on the whole AppModule.
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'repository',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/repositories/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
