import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The data map of the example register (the Woktron register a new installation is seeded with),
 * drawn once and committed as docs/data-map-example.svg (`npm run data-map-example`), so that the
 * docs can show it to anyone: a public route never draws the live register, which is not public.
 */

/** The repository (or installed package) root: the nearest folder up with a package.json, from src/ or dist/src/. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const exampleDiagramPath = () => join(packageRoot(__dirname), 'docs', 'data-map-example.svg');

/** The diagram without its entries' ids (each id becomes its order of appearance), so the same register draws the same file. */
export function withStableIds(svg: string): string {
  const ordinals = new Map<string, number>();
  // Graphviz writes a hyphen in a title or comment as &#45;.
  const uuid = /[0-9a-f]{8}(?:-|&#45;)[0-9a-f]{4}(?:-|&#45;)[0-9a-f]{4}(?:-|&#45;)[0-9a-f]{4}(?:-|&#45;)[0-9a-f]{12}/g;
  return svg.replace(uuid, (found) => {
    const id = found.replace(/&#45;/g, '-');
    if (!ordinals.has(id)) ordinals.set(id, ordinals.size + 1);
    return `entry-${ordinals.get(id)}`;
  });
}

/** The committed diagram, read on first use; undefined when the installation has no docs/. */
export function exampleDiagramReader(): () => string | undefined {
  let svg: string | undefined;
  return () => {
    if (svg === undefined && existsSync(exampleDiagramPath())) svg = readFileSync(exampleDiagramPath(), 'utf8');
    return svg;
  };
}
