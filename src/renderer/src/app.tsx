/** The whole UI for now: a placeholder until the dashboard lands. */
export function App() {
  return (
    <main className="placeholder">
      <h1>SkillMeat</h1>
      <p>The dashboard is coming: drift per project, snapshots and merges will appear here.</p>
    </main>
  );
}
