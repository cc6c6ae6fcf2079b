// electron-vite copies a `?asset` import into the build and resolves it to the copied file's path.
declare module '*?asset' {
  const path: string;
  export default path;
}
