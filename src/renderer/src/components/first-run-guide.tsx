import './everyday-actions.css';
import { useStore } from 'zustand';
import { routeHash } from '../../../shared/app-routes.js';
import { useServices } from '../app-context.js';
import { CREATE_COLLECTION_TASK, isTaskRunning } from '../state/tasks-store.js';
import { firstRunSteps, type FirstRunStep } from '../view-model/first-run.js';
import { TaskStatus } from './task-status.js';

/**
 * Guides a home that is not set up yet: create a collection, add artifacts (folders, or one file
 * for a command or an agent), import a project, then deploy into it. Each step says whether it is
 * done; the next one carries its action. Gone once the home has all three.
 */
export function FirstRunGuide() {
  const { stores, actions } = useServices();
  const collectionStatus = useStore(stores.collection, (s) => s.status);
  const artifacts = useStore(stores.collection, (s) => s.artifacts.length);
  const projects = useStore(stores.projects, (s) => (s.loaded ? s.projects.length : null));
  const creating = useStore(stores.tasks, (s) => isTaskRunning(s, CREATE_COLLECTION_TASK));
  // Until both are read the guide would flash steps that are in fact done.
  if (projects === null || (collectionStatus !== 'none' && collectionStatus !== 'ready')) return null;
  const steps = firstRunSteps({ hasCollection: collectionStatus === 'ready', artifacts, projects });
  if (steps.length === 0) return null;

  const detail = (step: FirstRunStep) => {
    switch (step.id) {
      case 'collection':
        return step.state === 'next' ? (
          <>
            <p>A collection holds the skills, commands and agents you deploy into projects.</p>
            <button type="button" className="primary" disabled={creating} onClick={() => void actions.createCollection('default')}>
              Create collection
            </button>
            <TaskStatus taskKey={CREATE_COLLECTION_TASK} label="Create collection result" />
          </>
        ) : null;
      case 'artifacts':
        return step.state === 'next' ? (
          <p>
            A skill is a folder holding SKILL.md; a command or an agent is one .md file. <a href={routeHash({ view: 'collection' })}>Add artifacts in the Collection view</a>.
          </p>
        ) : null;
      case 'project':
        return step.state === 'next' ? <p>Import a project folder below (or drop it on this window), open it, and deploy artifacts into it.</p> : null;
    }
  };

  return (
    <section className="card first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">Getting started</h2>
      <ol className="first-run-steps">
        {steps.map((step) => (
          <li key={step.id} className={`first-run-step first-run-${step.state}`} aria-current={step.state === 'next' ? 'step' : undefined}>
            <span className="first-run-title">
              {step.title}
              {step.state === 'done' ? <span className="muted"> — done</span> : null}
            </span>
            {detail(step)}
          </li>
        ))}
      </ol>
    </section>
  );
}
