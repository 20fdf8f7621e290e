import { runInNewContext } from 'node:vm';
import { PageBundleError, bundlePageScript } from './page-script-bundle';

const files: Record<string, string> = {
  '/dist/page/main.js': '"use strict";\nconst _view = require("../view/evolve");\nconst _fmt = require("./format");\nglobalThis.result = (0, _fmt.label)(_view.evolve(1));\n//# sourceMappingURL=main.js.map\n',
  '/dist/page/format.js': '"use strict";\nexports.label = (n) => "value " + n;\n',
  '/dist/view/evolve.js': '"use strict";\nconst _limits = require("./limits");\nexports.evolve = (n) => n + _limits.STEP;\n',
  '/dist/view/limits.js': '"use strict";\nexports.STEP = 41;\n',
};
const read = (file: string) => files[file];

describe('the page script bundle', () => {
  it('runs the compiled modules in the browser, shared view code included', () => {
    const context: { result?: string } = {};
    runInNewContext(bundlePageScript('/dist/page/main.js', read, '/dist'), context);
    expect(context.result).toBe('value 42');
  });
  it('names modules relative to the root, not by server paths', () => {
    const script = bundlePageScript('/dist/page/main.js', read, '/dist');
    expect(script).toContain('/* view/limits.js */');
    expect(script).not.toContain('sourceMappingURL');
  });
  it('refuses a Node package', () =>
    expect(() => bundlePageScript('/dist/page/main.js', (f) => (f === '/dist/page/main.js' ? 'require("node:fs")' : undefined), '/dist')).toThrow(PageBundleError));
  it('says to build when a module is missing', () =>
    expect(() => bundlePageScript('/dist/page/main.js', (f) => (f === '/dist/page/main.js' ? 'require("./gone")' : undefined), '/dist')).toThrow(
      /page\/gone\.js .* is missing: run "npm run build"/,
    ));
});
