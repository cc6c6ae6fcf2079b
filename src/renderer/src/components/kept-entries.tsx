import type { UnsupportedEntries } from '../../../shared/results.js';

/**
 * What collection.toml holds that SkillMeat Desktop keeps untouched but does not manage (another
 * tool's artifact types and tables): one quiet list, so a user knows they are there. Nothing when
 * there is none.
 */
export function KeptEntries({ entries }: { entries: UnsupportedEntries }) {
  if (entries.artifacts.length === 0 && entries.tables.length === 0) return null;
  return (
    <section className="kept-entries" aria-labelledby="kept-entries-title">
      <h2 id="kept-entries-title">Kept as they are</h2>
      <p className="muted">SkillMeat Desktop does not manage these entries of collection.toml; it keeps them untouched for the tool that wrote them.</p>
      <ul aria-label="Entries kept as they are">
        {entries.artifacts.map((artifact, index) => (
          // Another tool's entries need not be unique by type and name: the place in the file is.
          <li key={`artifact:${index}`}>
            <span className="chip">{artifact.type}</span> {artifact.name}
          </li>
        ))}
        {entries.tables.map((table) => (
          <li key={`table:${table}`}>
            <code>[[{table}]]</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
