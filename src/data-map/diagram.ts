import type { DataMapResponse } from './dto';

/**
 * The data map as a Graphviz DOT graph, laid out left to right in the order data moves: data
 * subjects, collection channels, systems, recipients — each kind in a column of its own (rank),
 * with its own shape. Derived flows are solid, recorded ones bold; a flow that crosses a border
 * is red and names its country. Laid out by Graphviz (`dot`, compiled to WebAssembly), never by
 * hand-placed boxes, so it stays readable as the register grows.
 */

const columns: { kind: string; title: string; shape: string; colour: string }[] = [
  { kind: 'data-subject-category', title: 'Data subjects', shape: 'ellipse', colour: '#e8f0fe' },
  { kind: 'collection-channel', title: 'Collection channels', shape: 'parallelogram', colour: '#fef7e0' },
  { kind: 'system', title: 'Systems', shape: 'cylinder', colour: '#e6f4ea' },
  { kind: 'recipient', title: 'Recipients', shape: 'box', colour: '#fce8e6' },
];

/** A DOT double-quoted string: quotes and backslashes escaped, line breaks as centred lines. */
const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

/** At most `max` characters (a long name would widen its whole column). */
const short = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function dataMapDot(map: DataMapResponse, title: string): string {
  const lines = [
    'digraph data_map {',
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=12, nodesep=0.25, ranksep=1.1, label=${quoted(title)}, labelloc=t];`,
    '  node [fontname="Helvetica", fontsize=10, style=filled, color="#5f6368"];',
    '  edge [fontname="Helvetica", fontsize=8, color="#5f6368", arrowsize=0.7];',
  ];
  // Each kind is one rank (a column), tied to an invisible anchor; the anchors chain the columns
  // left to right, so a column stays in its place even when no flow passes through it.
  const anchors: string[] = [];
  for (const column of columns) {
    const nodes = map.nodes.filter((node) => node.kind === column.kind);
    if (nodes.length === 0) continue;
    const anchor = quoted(`column:${column.kind}`);
    anchors.push(anchor);
    lines.push(`  subgraph ${quoted(`cluster_${column.kind}`)} {`, `    label=${quoted(column.title)}; style=dashed; color="#dadce0";`);
    lines.push(`    { rank=same; ${anchor} [shape=point, style=invis, width=0, height=0, label=""];`);
    for (const node of nodes) {
      const label = node.detail ? `${short(node.name)}\n${short(node.detail)}` : short(node.name);
      lines.push(`      ${quoted(node.id)} [label=${quoted(label)}, shape=${column.shape}, fillcolor=${quoted(column.colour)}];`);
    }
    lines.push('    }', '  }');
  }
  for (let i = 1; i < anchors.length; i++) lines.push(`  ${anchors[i - 1]} -> ${anchors[i]} [style=invis, weight=10];`);
  for (const edge of map.edges) {
    const countries = [...new Set(edge.transfers.map((t) => t.country ?? t.destination))];
    const attributes = [
      edge.origin === 'recorded' ? 'style=bold, color="#1a73e8"' : '',
      countries.length > 0 ? `color="#d93025", fontcolor="#d93025", label=${quoted(`transfer: ${countries.join(', ')}`)}` : '',
      `tooltip=${quoted(
        `${edge.flow ? `${edge.flow.name}: ` : ''}${edge.dataCategories.map((d) => d.name).join(', ') || 'data categories not stated'}${
          edge.activities.length ? ` (${edge.activities.map((a) => a.name).join('; ')})` : ''
        }`,
      )}`,
    ].filter(Boolean);
    lines.push(`  ${quoted(edge.from)} -> ${quoted(edge.to)} [${attributes.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** Renders DOT to SVG with Graphviz compiled to WebAssembly (loaded once per app, on first use). */
export class DiagramRenderer {
  private graphviz?: Promise<{ dot(source: string, format?: 'svg'): string }>;

  async svg(dot: string): Promise<string> {
    // An ES module: loaded on first use, so an app that never draws never loads the WebAssembly.
    this.graphviz ??= import('@hpcc-js/wasm-graphviz').then((module) => module.Graphviz.load());
    return (await this.graphviz).dot(dot, 'svg');
  }
}
