import './everyday-actions.css';
import { useId } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';

/** Chooses the active collection among the home's collections (shown when there is more than one). */
export function CollectionSwitcher() {
  const { stores, actions } = useServices();
  const collections = useStore(stores.collection, (s) => s.collections);
  const active = useStore(stores.collection, (s) => s.name);
  const id = useId();
  if (collections.length < 2 || active === null) return null;
  return (
    <span className="collection-switcher">
      <label htmlFor={id}>Active collection</label>
      <select id={id} value={active} onChange={(event) => void actions.switchCollection(event.target.value)}>
        {collections.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} ({c.artifact_count === 1 ? '1 artifact' : `${c.artifact_count} artifacts`})
          </option>
        ))}
      </select>
    </span>
  );
}
