// Vite's module types (`?worker` imports of Monaco's editor worker).
/// <reference types="vite/client" />
