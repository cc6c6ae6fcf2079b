import { describe, expect, it } from 'vitest';
import { buildMerge, collectionChange, conflict, projectChange, same } from './merge-fixture.js';
import { MergeModel } from './merge-model.js';
import { projection, projectMerge } from './merge-projection.js';

// Two conflicts around a change only the collection made.
const settings = buildMerge([
  same('top\n'),
  conflict({ base: 'colour = red\n', project: 'colour = green\n', collection: 'colour = blue\n' }),
  same('middle\n'),
  collectionChange('size = 1\n', 'size = 2\n'),
  same('between\n'),
  conflict({ base: 'name = a\n', project: 'name = p\n', collection: 'name = c\n' }),
  same('end\n'),
]);

const settingsAsMerged = projection`
    top
  [0 conflict: unresolved]
    <<<<<<< project
    colour = green
    =======
    colour = blue
    >>>>>>> collection
  [/0]
    middle
  [1 collection: collection]
    size = 2
  [/1]
    between
  [2 conflict: unresolved]
    <<<<<<< project
    name = p
    =======
    name = c
    >>>>>>> collection
  [/2]
    end
`;

describe('a merge model as the merge leaves it', () => {
  it('holds the merged text, each conflict unresolved and each one-sided change taken', () => {
    const model = MergeModel.create(settings);
    expect(projectMerge(model)).toBe(settingsAsMerged);
    expect(model.text()).toBe(settings.merged);
  });

  it('reports where each region sits in the result and what it covers in the sides', () => {
    const [first, second] = MergeModel.create(settings).regions();
    expect(first).toEqual({
      index: 0,
      kind: 'conflict',
      state: 'unresolved',
      result: { start: 1, count: 5 },
      base: { start: 1, count: 1 },
      project: { start: 1, count: 1 },
      collection: { start: 1, count: 1 },
      resolved: false,
    });
    expect(second).toMatchObject({ index: 1, kind: 'collection', state: 'collection', result: { start: 7, count: 1 }, resolved: true });
  });

  it('counts conflicts that still hold their markers', () => {
    const model = MergeModel.create(settings);
    expect(model.conflictsRemaining()).toBe(2);
    expect(model.hasConflictMarkers()).toBe(true);
  });

  it('calls a one-sided change by its own side even when the other side reads the same', () => {
    const model = MergeModel.create(buildMerge([projectChange('a\n', 'b\n'), same('z\n')]));
    expect(model.regions()[0]!.state).toBe('project');
  });

  it('refuses regions that do not fit the texts', () => {
    const broken = { ...settings, regions: [{ ...settings.regions[0]!, merged: { start: 40, count: 5 } }] };
    expect(() => MergeModel.create(broken)).toThrow(RangeError);
  });
});

describe('accepting a choice', () => {
  it('puts the project lines in and returns the edit to mirror', () => {
    const model = MergeModel.create(settings);
    expect(model.accept(0, 'project')).toEqual({ start: 1, deleteCount: 5, lines: ['colour = green\n'] });
    expect(projectMerge(model)).toBe(projection`
        top
      [0 conflict: project]
        colour = green
      [/0]
        middle
      [1 collection: collection]
        size = 2
      [/1]
        between
      [2 conflict: unresolved]
        <<<<<<< project
        name = p
        =======
        name = c
        >>>>>>> collection
      [/2]
        end
    `);
    expect(model.conflictsRemaining()).toBe(1);
  });

  it('puts the collection lines in', () => {
    const model = MergeModel.create(settings);
    expect(model.accept(2, 'collection')).toEqual({ start: 9, deleteCount: 5, lines: ['name = c\n'] });
    expect(model.regions()[2]).toMatchObject({ state: 'collection', result: { start: 9, count: 1 }, resolved: true });
  });

  it('puts both in, project first', () => {
    const model = MergeModel.create(settings);
    expect(model.accept(0, 'both').lines).toEqual(['colour = green\n', 'colour = blue\n']);
    expect(projectMerge(model).split('\n').slice(0, 5).join('\n')).toBe(projection`
        top
      [0 conflict: both]
        colour = green
        colour = blue
      [/0]
    `);
  });

  it('puts both in, collection first', () => {
    const model = MergeModel.create(settings);
    expect(model.accept(0, 'both_collection_first').lines).toEqual(['colour = blue\n', 'colour = green\n']);
    expect(model.regions()[0]!.state).toBe('both_collection_first');
  });

  it('puts the base lines back', () => {
    const model = MergeModel.create(settings);
    expect(model.accept(0, 'base')).toEqual({ start: 1, deleteCount: 5, lines: ['colour = red\n'] });
    expect(model.regions()[0]!.state).toBe('base');
  });

  it('reads the base of a one-sided change as the side that left it alone', () => {
    const model = MergeModel.create(settings);
    expect(model.accept(1, 'base')).toEqual({ start: 7, deleteCount: 1, lines: ['size = 1\n'] });
    expect(model.regions()[1]!.state).toBe('project');
  });

  it('moves the regions after it by the lines it adds or removes', () => {
    const model = MergeModel.create(settings);
    model.accept(0, 'both');
    expect(model.regions().map((view) => view.result)).toEqual([
      { start: 1, count: 2 },
      { start: 4, count: 1 },
      { start: 6, count: 5 },
    ]);
  });

  it('reopens a conflict by putting its marker block back', () => {
    const model = MergeModel.create(settings);
    model.accept(0, 'collection');
    expect(model.reopen(0)).toEqual({
      start: 1,
      deleteCount: 1,
      lines: ['<<<<<<< project\n', 'colour = green\n', '=======\n', 'colour = blue\n', '>>>>>>> collection\n'],
    });
    expect(projectMerge(model)).toBe(settingsAsMerged);
  });

  it('tells the text a choice would put there', () => {
    const model = MergeModel.create(settings);
    expect(model.textOf(0, 'both')).toBe('colour = green\ncolour = blue\n');
    expect(model.textOf(0, 'base')).toBe('colour = red\n');
    expect(model.textOf(0, 'unresolved')).toBe('<<<<<<< project\ncolour = green\n=======\ncolour = blue\n>>>>>>> collection\n');
  });

  it('gives every unresolved conflict one side, each edit in the lines the one before left', () => {
    const model = MergeModel.create(settings);
    expect(model.acceptAll('collection')).toEqual([
      { start: 1, deleteCount: 5, lines: ['colour = blue\n'] },
      { start: 5, deleteCount: 5, lines: ['name = c\n'] },
    ]);
    expect(projectMerge(model)).toBe(projection`
        top
      [0 conflict: collection]
        colour = blue
      [/0]
        middle
      [1 collection: collection]
        size = 2
      [/1]
        between
      [2 conflict: collection]
        name = c
      [/2]
        end
    `);
    expect(model.conflictsRemaining()).toBe(0);
    expect(model.hasConflictMarkers()).toBe(false);
  });

  it('leaves conflicts already decided alone when accepting all', () => {
    const model = MergeModel.create(settings);
    model.accept(0, 'project');
    expect(model.acceptAll('collection')).toEqual([{ start: 5, deleteCount: 5, lines: ['name = c\n'] }]);
    expect(model.regions()[0]!.state).toBe('project');
  });

  it('refuses a region that does not exist', () => {
    expect(() => MergeModel.create(settings).accept(3, 'project')).toThrow(RangeError);
  });
});

describe('hand edits in a region', () => {
  it('read as the collection when the typed text is the collection side', () => {
    const model = MergeModel.create(settings);
    model.accept(0, 'project');
    model.applyEdit({ start: 1, deleteCount: 1, lines: ['colour = blue\n'] });
    expect(model.regions()[0]!.state).toBe('collection');
  });

  it('read as by hand when the text is none of the choices', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 1, deleteCount: 5, lines: ['colour = teal\n'] });
    expect(model.regions()[0]).toMatchObject({ state: 'hand', result: { start: 1, count: 1 }, resolved: true });
    expect(model.conflictsRemaining()).toBe(1);
  });

  it('reopen the conflict when the markers are typed back', () => {
    const model = MergeModel.create(settings);
    model.accept(0, 'project');
    model.applyEdit({ start: 1, deleteCount: 1, lines: ['<<<<<<< project\n', 'colour = green\n', '=======\n'] });
    expect(model.regions()[0]!.state).toBe('hand');
    model.applyEdit({ start: 3, deleteCount: 1, lines: ['=======\n', 'colour = blue\n', '>>>>>>> collection\n'] });
    expect(projectMerge(model)).toBe(settingsAsMerged);
  });

  it('come back when lines deleted at its edge are put back (an undo)', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 4, deleteCount: 2, lines: [] });
    expect(model.regions()[0]).toMatchObject({ state: 'hand', result: { start: 1, count: 3 } });
    model.applyEdit({ start: 4, deleteCount: 0, lines: ['colour = blue\n', '>>>>>>> collection\n'] });
    expect(projectMerge(model)).toBe(settingsAsMerged);
  });

  it('change only that region when they lie inside it', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 2, deleteCount: 1, lines: ['colour = green!\n', 'alpha = 1\n'] });
    expect(model.regions().map((view) => [view.state, view.result.start, view.result.count])).toEqual([
      ['hand', 1, 6],
      ['collection', 8, 1],
      ['unresolved', 10, 5],
    ]);
  });
});

describe('hand edits in the lines between regions', () => {
  it('move the regions after them and leave their states', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 0, deleteCount: 0, lines: ['# settings\n', '\n'] });
    model.applyEdit({ start: 10, deleteCount: 1, lines: [] });
    expect(projectMerge(model)).toBe(projection`
      # settings
      (empty line)
      top
    [0 conflict: unresolved]
      <<<<<<< project
      colour = green
      =======
      colour = blue
      >>>>>>> collection
    [/0]
      middle
    [1 collection: collection]
      size = 2
    [/1]
    [2 conflict: unresolved]
      <<<<<<< project
      name = p
      =======
      name = c
      >>>>>>> collection
    [/2]
      end
    `);
  });

  it('belong to the gap when inserted at the first line of a region', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 1, deleteCount: 0, lines: ['added\n'] });
    expect(model.regions()[0]).toMatchObject({ state: 'unresolved', result: { start: 2, count: 5 } });
  });

  it('belong to the gap when inserted at the first line of a region, unless the region then reads as a choice', () => {
    const model = MergeModel.create(settings);
    model.accept(0, 'project');
    model.applyEdit({ start: 1, deleteCount: 0, lines: ['colour = blue\n'] });
    expect(model.regions()[0]).toMatchObject({ state: 'both_collection_first', result: { start: 1, count: 2 } });
  });

  it('belong to the gap when inserted just after a region', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 8, deleteCount: 0, lines: ['added\n'] });
    expect(model.regions()[1]).toMatchObject({ state: 'collection', result: { start: 7, count: 1 } });
    expect(model.regions()[2]!.result.start).toBe(10);
  });
});

describe('an emptied region', () => {
  // The collection deleted the line the project changed.
  const deletion = buildMerge([same('a\n'), conflict({ base: 'b\n', project: 'B\n', collection: '' }), same('c\n')]);

  it('holds no lines once its empty side is accepted', () => {
    const model = MergeModel.create(deletion);
    expect(model.accept(0, 'collection')).toEqual({ start: 1, deleteCount: 5 - 1, lines: [] });
    expect(projectMerge(model)).toBe(projection`
      a
    [0 conflict: collection]
    [/0]
      c
    `);
  });

  it('takes the lines typed at its place', () => {
    const model = MergeModel.create(deletion);
    model.accept(0, 'collection');
    model.applyEdit({ start: 1, deleteCount: 0, lines: ['B\n'] });
    expect(projectMerge(model)).toBe(projection`
      a
    [0 conflict: project]
      B
    [/0]
      c
    `);
  });
});

describe('a hand edit across regions', () => {
  const fused = projection`
      top
    [0 conflict + 1 collection: hand]
      <<<<<<< project
      colour = green
      merged by hand
    [/0 + 1]
      between
    [2 conflict: unresolved]
      <<<<<<< project
      name = p
      =======
      name = c
      >>>>>>> collection
    [/2]
      end
  `;

  it('joins the regions it touches into one group, each reporting the group', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 3, deleteCount: 5, lines: ['merged by hand\n'] });
    expect(projectMerge(model)).toBe(fused);
    const [first, second] = model.regions();
    expect(first).toMatchObject({ state: 'hand', result: { start: 1, count: 3 }, resolved: true });
    expect(second!.result).toBe(first!.result);
    expect(model.conflictsRemaining()).toBe(1);
  });

  it('splits back into its regions when undone', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 3, deleteCount: 5, lines: ['merged by hand\n'] });
    model.applyEdit({ start: 3, deleteCount: 1, lines: ['=======\n', 'colour = blue\n', '>>>>>>> collection\n', 'middle\n', 'size = 2\n'] });
    expect(projectMerge(model)).toBe(settingsAsMerged);
  });

  it('splits back where the regions read as their choices, even when a gap line also occurs inside one', () => {
    // The gap is a blank line, and the first conflict's project side holds one too.
    const blank = buildMerge([
      conflict({ base: 'a\n', project: 'a1\n\na2\n', collection: 'a3\n' }),
      same('\n'),
      conflict({ base: 'b\n', project: 'b1\n', collection: '\nb2\n' }),
    ]);
    const model = MergeModel.create(blank);
    model.accept(0, 'project');
    model.accept(1, 'collection');
    const before = projectMerge(model);
    const all = [...model.lines];
    model.applyEdit({ start: 0, deleteCount: all.length, lines: [] });
    expect(projectMerge(model)).toBe(projection`
      [0 conflict + 1 conflict: hand]
      [/0 + 1]
    `);
    model.applyEdit({ start: 0, deleteCount: 0, lines: all });
    expect(projectMerge(model)).toBe(before);
    expect(before).toBe(projection`
      [0 conflict: project]
        a1
        (empty line)
        a2
      [/0]
        (empty line)
      [1 conflict: collection]
        (empty line)
        b2
      [/1]
    `);
  });

  it('splits back after a gap edited by hand was joined, once the join is undone', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 6, deleteCount: 1, lines: ['middle (edited)\n'] });
    model.applyEdit({ start: 5, deleteCount: 3, lines: [] });
    model.applyEdit({ start: 5, deleteCount: 0, lines: ['>>>>>>> collection\n', 'middle (edited)\n', 'size = 2\n'] });
    expect(model.regions().map((view) => [view.state, view.result.start, view.result.count])).toEqual([
      ['unresolved', 1, 5],
      ['collection', 7, 1],
      ['unresolved', 9, 5],
    ]);
  });

  it('still counts as holding markers while the group holds a whole marker block', () => {
    const model = MergeModel.create(settings);
    model.accept(2, 'project');
    // "top" and "middle" edited in one go: region 0 joins its gaps, markers and all.
    model.applyEdit({ start: 0, deleteCount: 7, lines: ['TOP\n', ...model.lines.slice(1, 6), 'MIDDLE\n'] });
    expect(model.conflictsRemaining()).toBe(0);
    expect(model.hasConflictMarkers()).toBe(true);
  });

  it('comes apart when one of its regions takes a choice, the others as they were before the join', () => {
    const model = MergeModel.create(settings);
    model.accept(0, 'project');
    model.applyEdit({ start: 1, deleteCount: 3, lines: ['joined\n'] });
    expect(model.accept(0, 'both')).toEqual({ start: 1, deleteCount: 1, lines: ['colour = green\n', 'colour = blue\n', 'middle\n', 'size = 2\n'] });
    expect(model.regions().map((view) => [view.state, view.result.start, view.result.count])).toEqual([
      ['both', 1, 2],
      ['collection', 4, 1],
      ['unresolved', 6, 5],
    ]);
  });
  it('splits at the gaps that are back and keeps the rest joined', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 2, deleteCount: 9, lines: ['joined\n'] });
    model.applyEdit({ start: 2, deleteCount: 1, lines: ['colour = green\n', 'middle\n', 'size = 3\n'] });
    expect(projectMerge(model)).toBe(projection`
        top
      [0 conflict: hand]
        <<<<<<< project
        colour = green
      [/0]
        middle
      [1 collection + 2 conflict: hand]
        size = 3
        =======
        name = c
        >>>>>>> collection
      [/1 + 2]
        end
    `);
  });
});

describe('undo in the editor', () => {
  it('undoes joins made on top of joins one at a time, each time restoring the regions as they were', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 3, deleteCount: 5, lines: ['merged by hand\n'] });
    const firstJoin = projectMerge(model);
    model.applyEdit({ start: 3, deleteCount: 5, lines: ['and more\n'] });
    expect(projectMerge(model)).toBe(projection`
        top
      [0 conflict + 1 collection + 2 conflict: hand]
        <<<<<<< project
        colour = green
        and more
        name = c
        >>>>>>> collection
      [/0 + 1 + 2]
        end
    `);
    model.applyEdit({ start: 3, deleteCount: 1, lines: ['merged by hand\n', 'between\n', '<<<<<<< project\n', 'name = p\n', '=======\n'] });
    expect(projectMerge(model)).toBe(firstJoin);
    model.applyEdit({ start: 3, deleteCount: 1, lines: ['=======\n', 'colour = blue\n', '>>>>>>> collection\n', 'middle\n', 'size = 2\n'] });
    expect(projectMerge(model)).toBe(settingsAsMerged);
  });

  it('puts a line deleted at the end of a gap back into the gap, though an emptied region sits there', () => {
    const model = MergeModel.create(buildMerge([same('a\n'), conflict({ base: 'b\n', project: 'B\n', collection: '' }), same('c\n')]));
    model.accept(0, 'collection');
    const before = projectMerge(model);
    model.applyEdit({ start: 0, deleteCount: 1, lines: [] });
    model.applyEdit({ start: 0, deleteCount: 0, lines: ['a\n'] });
    expect(projectMerge(model)).toBe(before);
  });

  it('reopens a conflict when the editor undoes the choice', () => {
    const model = MergeModel.create(settings);
    const made = model.accept(0, 'both');
    model.applyEdit({ start: made.start, deleteCount: made.lines.length, lines: settings.merged.split(/(?<=\n)/).slice(1, 6) });
    expect(projectMerge(model)).toBe(settingsAsMerged);
  });

  it('joins the group again when the editor undoes a choice that took it apart', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 3, deleteCount: 5, lines: ['merged by hand\n'] });
    const joined = projectMerge(model);
    const groupLines = model.lines.slice(1, 4);
    const made = model.accept(1, 'collection');
    model.applyEdit({ start: made.start, deleteCount: made.lines.length, lines: groupLines });
    expect(projectMerge(model)).toBe(joined);
  });
});

describe('line endings', () => {
  it('keeps CRLF lines, markers and choices', () => {
    const crlf = buildMerge(
      [same('top\r\n'), conflict({ base: 'b\r\n', project: 'p\r\n', collection: 'c\r\n' }), same('end\r\n')],
      '\r\n',
    );
    const model = MergeModel.create(crlf);
    expect(projectMerge(model)).toBe(projection`
      top␍
    [0 conflict: unresolved]
      <<<<<<< project␍
      p␍
      =======␍
      c␍
      >>>>>>> collection␍
    [/0]
      end␍
    `);
    model.accept(0, 'both');
    expect(model.text()).toBe('top\r\np\r\nc\r\nend\r\n');
  });

  it('ends the first part of "both" with the file\'s line ending when it lacks a newline', () => {
    const crlf = buildMerge([same('top\r\n'), conflict({ base: 'b', project: 'p', collection: 'c' })], '\r\n');
    const model = MergeModel.create(crlf);
    model.accept(0, 'both');
    expect(model.text()).toBe('top\r\np\r\nc');
  });

  it('keeps a last line without newline as the last line of "both"', () => {
    const model = MergeModel.create(buildMerge([same('top\n'), conflict({ base: 'b', project: 'p', collection: 'c' })]));
    expect(model.accept(0, 'both').lines).toEqual(['p\n', 'c']);
    expect(projectMerge(model)).toBe(projection`
      top
    [0 conflict: both]
      p
      c
    \\ No newline at end of file
    [/0]
    `);
    model.accept(0, 'both_collection_first');
    expect(model.text()).toBe('top\nc\np');
  });
});

describe('a saved draft', () => {
  it('finds its regions between the lines the merge left alone', () => {
    const draft = 'top\ncolour = green\nmiddle\nsize = 2\nbetween\nname = mine\nend\n';
    const model = MergeModel.create({ ...settings, result: draft });
    expect(projectMerge(model)).toBe(projection`
      top
    [0 conflict: project]
      colour = green
    [/0]
      middle
    [1 collection: collection]
      size = 2
    [/1]
      between
    [2 conflict: hand]
      name = mine
    [/2]
      end
    `);
    expect(model.text()).toBe(draft);
  });

  it('finds a conflict left open in it', () => {
    const draft = settings.merged.replace('size = 2\n', 'size = 3\n');
    const model = MergeModel.create({ ...settings, result: draft });
    expect(model.regions().map((view) => view.state)).toEqual(['unresolved', 'hand', 'unresolved']);
  });

  it('is one group of hand-edited regions when the lines between them are not all there', () => {
    const model = MergeModel.create({ ...settings, result: 'top\ncolour = green\nsize = 3\nend\n' });
    expect(projectMerge(model)).toBe(projection`
      [0 conflict + 1 collection + 2 conflict: hand]
        top
        colour = green
        size = 3
        end
      [/0 + 1 + 2]
    `);
    expect(model.conflictsRemaining()).toBe(0);
    expect(model.hasConflictMarkers()).toBe(false);
  });

  it('is the merged text itself when it equals it', () => {
    expect(projectMerge(MergeModel.create({ ...settings, result: settings.merged }))).toBe(settingsAsMerged);
  });
});

describe('going from conflict to conflict', () => {
  it('finds the next unresolved conflict after a line, wrapping around', () => {
    const model = MergeModel.create(settings);
    expect(model.nextUnresolved(0)?.index).toBe(0);
    expect(model.nextUnresolved(1)?.index).toBe(2);
    expect(model.nextUnresolved(9)?.index).toBe(0);
  });

  it('finds the previous unresolved conflict before a line, wrapping around', () => {
    const model = MergeModel.create(settings);
    expect(model.previousUnresolved(14)?.index).toBe(2);
    expect(model.previousUnresolved(9)?.index).toBe(0);
    expect(model.previousUnresolved(1)?.index).toBe(2);
  });

  it('skips resolved conflicts and finds none once all are resolved', () => {
    const model = MergeModel.create(settings);
    model.accept(2, 'project');
    expect(model.nextUnresolved(1)?.index).toBe(0);
    model.accept(0, 'project');
    expect(model.nextUnresolved(0)).toBeUndefined();
    expect(model.previousUnresolved(0)).toBeUndefined();
  });
});

describe('edits a view sends', () => {
  it('are refused outside the result', () => {
    const model = MergeModel.create(settings);
    expect(() => model.applyEdit({ start: 14, deleteCount: 2, lines: [] })).toThrow(RangeError);
  });

  it('may append after the last line', () => {
    const model = MergeModel.create(settings);
    model.applyEdit({ start: 15, deleteCount: 0, lines: ['appended\n'] });
    expect(model.text()).toBe(`${settings.merged}appended\n`);
    expect(model.regions()[2]!.state).toBe('unresolved');
  });
});
