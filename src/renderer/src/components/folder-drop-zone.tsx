import { useEffect, useState } from 'react';
import { useServices } from '../app-context.js';
import { droppedFolderPaths } from '../client/dropped-folders.js';
import { navigate } from '../routing/use-route.js';

/**
 * Makes the whole window a drop target for project folders: dropping one imports it, from any view,
 * and shows the projects view where the result appears. While something is dragged over the window
 * an overlay says what a drop will do.
 */
export function FolderDropZone() {
  const { actions, platform } = useServices();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const carriesDrop = (event: DragEvent) => event.dataTransfer !== null && Array.from(event.dataTransfer.types).some((t) => t === 'Files' || t === 'text/uri-list' || t === 'text/plain');
    const onEnter = (event: DragEvent) => {
      if (!carriesDrop(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      // Without this the browser would open the dropped file instead of handing it to us.
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      if (event.dataTransfer === null) return;
      const paths = droppedFolderPaths(event.dataTransfer, platform.pathOfFile);
      navigate({ view: 'projects' });
      void actions.importProjects(paths);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [actions, platform]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">Drop a project folder to import it</div>
    </div>
  );
}
