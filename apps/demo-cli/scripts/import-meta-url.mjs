// Injected into the CommonJS bundle: what `import.meta.url` meant in the bundled ES modules
// (`__filename` is the bundle's own path there).
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
