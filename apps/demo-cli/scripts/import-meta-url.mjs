// Injected into the CommonJS bundles: what `import.meta` meant in the bundled ES modules, its
// `url` computed when first read (`__filename` is the bundle's own path there).
import { pathToFileURL } from 'node:url';

let url;
export const importMeta = {
  get url() {
    url ??= pathToFileURL(__filename).href;
    return url;
  },
};
