import { dirname, join, relative, resolve } from 'node:path';

export class PageBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageBundleError';
  }
}

const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;
const SOURCE_MAP_COMMENT = /^\/\/# sourceMappingURL=.*$/gm;

/**
 * Joins the page's compiled CommonJS modules (swc output in dist/) into one classic script with a
 * tiny module table, following relative `require`s from the entry. No bundler to download, and the
 * page runs exactly the code the server runs for the shared evolve. A bare specifier (a Node
 * package) fails the bundle: the page may only use its own files and the vendor scripts.
 */
export function bundlePageScript(entryFile: string, readFile: (file: string) => string | undefined, root = dirname(entryFile)): string {
  const ids = new Map<string, number>();
  const modules: { file: string; code: string; deps: Record<string, number> }[] = [];

  const visit = (file: string, from: string): number => {
    const known = ids.get(file);
    if (known !== undefined) return known;
    const code = readFile(file);
    if (code === undefined) throw new PageBundleError(`page module ${relative(root, file)} (required by ${from}) is missing: run "npm run build"`);
    const id = modules.length;
    ids.set(file, id);
    const module = { file, code: code.replace(SOURCE_MAP_COMMENT, ''), deps: {} as Record<string, number> };
    modules.push(module);
    for (const [, specifier] of code.matchAll(REQUIRE)) {
      if (!specifier!.startsWith('.')) {
        throw new PageBundleError(`page module ${relative(root, file)} requires "${specifier}": only the page's own relative modules can run in the browser`);
      }
      module.deps[specifier!] = visit(resolveModule(resolve(dirname(file), specifier!), readFile), relative(root, file));
    }
    return id;
  };
  visit(resolve(entryFile), 'the page');

  const table = modules
    .map(({ file, code, deps }, id) => `/* ${relative(root, file)} */\n${id}: [function (require, module, exports) {\n${code}\n}, ${JSON.stringify(deps)}]`)
    .join(',\n');
  return `(function () {
var modules = {
${table}
};
var cache = {};
function load(id) {
  if (cache[id]) return cache[id].exports;
  var module = (cache[id] = { exports: {} });
  var entry = modules[id];
  entry[0](function (name) {
    if (!(name in entry[1])) throw new Error('page module ' + id + ' requires ' + name + ', which is not in the bundle');
    return load(entry[1][name]);
  }, module, module.exports);
  return module.exports;
}
load(0);
})();
`;
}

function resolveModule(base: string, readFile: (file: string) => string | undefined): string {
  for (const candidate of [base, `${base}.js`, join(base, 'index.js')]) {
    if (candidate.endsWith('.js') && readFile(candidate) !== undefined) return candidate;
  }
  return `${base}.js`;
}
