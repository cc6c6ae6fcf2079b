/**
 * The lane layout of an artifact's version DAG (issue 12), once, for the renderer and the CLI.
 * Lanes are places: the collection's and each project's versions keep to one column each, in a
 * stable order (collections first, then projects as they first appear), so a place keeps its column
 * and its colour on every row. Rows come newest first (children before parents); each row says
 * which columns carry a line in from above and out below and where its node's edges turn to a
 * parent in another place, so a row draws from itself alone (as VS Code's scmHistory.ts computes
 * each row from its input and output swimlanes) and rows render independently in a virtualized list.
 */

/** One version as the graph needs it. `place` is where it lives (`collection:<name>`, `project:<path>`). */
export interface GraphNode {
  readonly id: string;
  readonly place: string;
  /** First parent first. Parents not in the list (another artifact's, a page not read) draw nothing. */
  readonly parents: readonly string[];
}

/** How one row is drawn. Columns are indexes into `GraphLayout.places` (and their colours). */
export interface GraphRow {
  readonly id: string;
  /** The node's column: its place's. */
  readonly column: number;
  /** Columns whose line enters this row from above (an edge from a newer version still on its way down). */
  readonly above: readonly number[];
  /** Columns whose line leaves this row downward. */
  readonly below: readonly number[];
  /** Columns the node's edges turn into below it: each a parent in another place. */
  readonly turns: readonly number[];
  /** Two or more parents. */
  readonly merge: boolean;
}

export interface GraphLayout {
  /** The places, in column order. */
  readonly places: readonly string[];
  readonly rows: readonly GraphRow[];
}

/** Lays out versions given newest first. Linear in rows × places. */
export function layoutHistory(nodes: readonly GraphNode[]): GraphLayout {
  const places = placeOrder(nodes);
  const columnOf = new Map(places.map((place, index) => [place, index]));
  const rowOf = new Map(nodes.map((node, index) => [node.id, index]));
  // Edges on their way down: how many run in each column, and how many end at each version.
  const open = new Array<number>(places.length).fill(0);
  const ending = new Map<string, number>();
  const columnsOpen = (): number[] => {
    const columns: number[] = [];
    for (let column = 0; column < open.length; column++) if (open[column]! > 0) columns.push(column);
    return columns;
  };

  const rows: GraphRow[] = [];
  // What leaves one row enters the next: a row's `above` is the row before's `below`.
  let above: readonly number[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    const column = columnOf.get(node.place)!;
    open[column]! -= ending.get(node.id) ?? 0;
    ending.delete(node.id);
    const turns: number[] = [];
    let parentCount = 0;
    for (let p = 0; p < node.parents.length; p++) {
      const parent = node.parents[p]!;
      if (node.parents.indexOf(parent) !== p) continue; // named twice: one edge
      const parentRow = rowOf.get(parent);
      if (parentRow === undefined || parentRow <= index) continue;
      parentCount += 1;
      const target = columnOf.get(nodes[parentRow]!.place)!;
      open[target]! += 1;
      ending.set(parent, (ending.get(parent) ?? 0) + 1);
      if (target !== column && !turns.includes(target)) turns.push(target);
    }
    const below = columnsOpen();
    rows.push({ id: node.id, column, above, below, turns, merge: parentCount > 1 });
    above = below;
  }
  return { places, rows };
}

/** Collections first, then projects (and any other place), each group in the order its places first appear. */
function placeOrder(nodes: readonly GraphNode[]): string[] {
  const seen = [...new Set(nodes.map((node) => node.place))];
  return [...seen.filter((place) => place.startsWith('collection:')), ...seen.filter((place) => !place.startsWith('collection:'))];
}

/**
 * The layout as text, the way `git log --graph` draws: per row a node line (`*`, or `M` for a
 * merge; `|` for a line passing by) and, where the node's edges turn into another column, a line
 * below it: `\` or `/` beside the node, `_` along the way to the column the edge goes down in.
 * Two characters a column.
 */
export function graphText(layout: GraphLayout): { readonly node: string; readonly turn: string | undefined }[] {
  const width = layout.places.length;
  return layout.rows.map((row) => {
    const passing = new Set(row.above);
    const node = Array.from({ length: width }, (_, column) => (column === row.column ? (row.merge ? 'M' : '*') : passing.has(column) ? '|' : ' '));
    if (row.turns.length === 0) return { node: node.join(' ').trimEnd(), turn: undefined };
    // Below the node: the lines that carry on down, then each turn's path from the node's column.
    const turn = Array.from({ length: width * 2 }, () => ' ');
    for (const column of row.below) if (passing.has(column) || (column === row.column && !row.turns.includes(column))) turn[column * 2] = '|';
    const along = (from: number, to: number) => {
      for (let cell = from; cell <= to; cell++) if (turn[cell] === ' ') turn[cell] = '_';
    };
    for (const target of row.turns) {
      if (target > row.column) {
        turn[row.column * 2 + 1] = '\\';
        along(row.column * 2 + 2, target * 2 - 1);
      } else {
        turn[row.column * 2 - 1] = '/';
        along(target * 2 + 1, row.column * 2 - 2);
      }
    }
    return { node: node.join(' ').trimEnd(), turn: turn.join('').trimEnd() };
  });
}

/**
 * A place as a person names it: `collection:default` → `collection default`; a project copy's
 * scope (`project:/work/site/.claude/skills/canvas`) → `project /work/site`.
 */
export function placeLabel(place: string): string {
  const at = place.indexOf(':');
  if (at < 0) return place;
  const kind = place.slice(0, at);
  const where = place.slice(at + 1);
  return `${kind} ${kind === 'project' ? projectFolderOf(where) : where}`;
}

/** The project folder of a project copy's path (`/p/.claude/skills/x` → `/p`); the path itself when it holds no `.claude`. */
export function projectFolderOf(copyPath: string): string {
  const claude = copyPath.lastIndexOf('/.claude/');
  return claude > 0 ? copyPath.slice(0, claude) : copyPath;
}
