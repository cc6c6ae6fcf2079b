/** How far a long operation has come, for a UI to show (files archived, artifacts copied...). */
export type ProgressListener = (progress: { readonly done: number; readonly total: number }) => void;
