import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A README example: the text between its markers, and the example file it must equal. */
export interface ReadmeExample {
  /** The code the README shows between `<!-- example:NAME:start -->` and `…:end -->`. */
  readonly readme: string;
  /** The contents of `examples/NAME.ts`, the file a test runs. */
  readonly file: string;
}

const FENCE = /^```ts\n([\s\S]*?)```\n?$/;

/** Extracts the fenced `ts` block between an example's markers in `markdown`. */
export function extractExample(markdown: string, name: string): string {
  const start = `<!-- example:${name}:start -->\n`;
  const end = `<!-- example:${name}:end -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`README has no example "${name}" between markers`);
  const block = markdown.slice(from + start.length, to);
  const match = FENCE.exec(block);
  if (!match?.[1]) throw new Error(`example "${name}" is not one \`\`\`ts block`);
  return match[1];
}

/** Reads a package's README example and the example file it must show verbatim. */
export async function readmeExample(packageDir: string, name: string): Promise<ReadmeExample> {
  const [markdown, file] = await Promise.all([
    readFile(join(packageDir, 'README.md'), 'utf8'),
    readFile(join(packageDir, 'examples', `${name}.ts`), 'utf8'),
  ]);
  return { readme: extractExample(markdown, name), file };
}
