// Test tiers by file suffix (STYLE.md): *.spec.ts unit, *.int-spec.ts against real stores and
// servers, *.e2e-spec.ts through built processes and the browser.

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    },
  ],
};
const moduleNameMapper = { '^@vigil/([^/]+)$': '<rootDir>/libs/$1/src' };
const project = (displayName, suffix, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  testMatch: [`<rootDir>/{apps,libs,test}/**/*.${suffix}.ts`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...extra,
});

module.exports = {
  // Jest reads testTimeout only at the top level, not per project.
  testTimeout: 120_000,
  projects: [
    project('unit', 'spec'),
    project('int', 'int-spec'),
    project('e2e', 'e2e-spec'),
  ],
};
