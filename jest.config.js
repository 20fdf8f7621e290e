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
// content-disposition (under @fastify/static, which Swagger's pages load) ships only ES modules;
// Node 20 requires them natively but Jest does not, so that one package is compiled like our code.
const esmOnlyPackages = ['content-disposition'];
transform[`node_modules/(${esmOnlyPackages.join('|')})/.+\\.js$`] = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }];
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`];
const moduleNameMapper = { '^@vigil/([^/]+)$': '<rootDir>/libs/$1/src' };
const project = (displayName, suffix, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
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
