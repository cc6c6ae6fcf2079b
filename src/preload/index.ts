import { contextBridge } from 'electron';

// The page's only door into the app. The typed contract's methods join this object later;
// raw ipcRenderer never crosses, so the page can call only what is listed here.
const bridge = Object.freeze({
  contractVersion: 1,
});

contextBridge.exposeInMainWorld('skillmeat', bridge);
